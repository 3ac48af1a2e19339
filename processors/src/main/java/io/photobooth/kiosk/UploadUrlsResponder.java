package io.photobooth.kiosk;

import java.util.List;
import java.util.Map;

import io.photobooth.storage.ObjectPresigner;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Answers {@code POST /api/v1/requests/{id}/upload-urls} with fresh presigned uploads, for a
 * request whose uploads are still open (its URLs expired before the customer posed, say). The body
 * is the stored request, as {@link RequestAnswerer} read it.
 */
public class UploadUrlsResponder implements Processor {

    /** The answer: the request and one fresh upload per shot. */
    public record UploadUrls(String requestId, String contentType, List<ShotUpload> uploads) {
    }

    private final ObjectPresigner presigner;
    private final String env;

    public UploadUrlsResponder(ObjectPresigner presigner, String env) {
        this.presigner = presigner;
        this.env = env;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        RequestAnswer stored = in.getBody(RequestAnswer.class);
        if (!ShotUpload.OPEN.contains(stored.status())) {
            throw new ApiProblem(ProblemType.UPLOADS_CLOSED,
                    "Request " + stored.requestId() + " is " + stored.status() + "; its uploads can no longer change.",
                    Map.of("requestStatus", stored.status().name()));
        }
        KioskRequest request = new KioskRequest(stored.requestId(), in.getHeader(KioskHeaders.VENDOR, String.class),
                stored.concept(), stored.shots(), stored.format());
        in.setBody(new UploadUrls(stored.requestId(), stored.contentType(), ShotUpload.presignAll(presigner, env, request)));
    }
}
