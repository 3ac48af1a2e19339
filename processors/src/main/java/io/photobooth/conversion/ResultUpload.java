package io.photobooth.conversion;

import io.photobooth.contract.ConversionJob;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Points the S3 put of a converted photo at the job's result key, as JPEG. */
public class ResultUpload implements Processor {

    public static final String CONTENT_TYPE = "CamelAwsS3ContentType";
    public static final String CONTENT_LENGTH = "CamelAwsS3ContentLength";

    @Override
    public void process(Exchange exchange) {
        ConversionJob job = exchange.getProperty(JobIntake.JOB, ConversionJob.class);
        Message in = exchange.getMessage();
        byte[] jpeg = in.getBody(byte[].class);
        in.setHeader(JobIntake.S3_KEY, job.outputKey());
        in.setHeader(CONTENT_TYPE, "image/jpeg");
        in.setHeader(CONTENT_LENGTH, (long) jpeg.length);
    }
}
