package io.photobooth.filter;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import software.amazon.awssdk.core.ResponseInputStream;

/**
 * Refuses an upload larger than the photo limit from its stored size (the S3 {@code getObject}'s
 * {@code CamelAwsS3ContentLength} header), before its bytes are read into memory: a presigned PUT
 * does not bound the size, and a multi-gigabyte upload must not exhaust the generator's heap. The
 * refused object's stream is aborted, not drained.
 */
public class UploadSizeCheck implements Processor {

    static final String CONTENT_LENGTH = "CamelAwsS3ContentLength";

    private final PhotoDecoder decoder;

    public UploadSizeCheck(PhotoDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        Long size = in.getHeader(CONTENT_LENGTH, Long.class);
        if (size == null) {
            return;
        }
        try {
            decoder.requireAllowedBytes(size);
        } catch (UnusablePhotoException e) {
            if (in.getBody() instanceof ResponseInputStream<?> stream) {
                stream.abort();
            }
            throw e;
        }
    }
}
