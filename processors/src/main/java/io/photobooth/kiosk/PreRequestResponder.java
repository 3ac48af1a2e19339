package io.photobooth.kiosk;

import java.util.List;

import io.photobooth.contract.ShotStatus;
import io.photobooth.fleet.GeneratorFleet;
import io.photobooth.storage.ObjectPresigner;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Answers a recorded pre-request: one presigned upload per shot and the generator's state. The
 * request's status is {@code PRE_REQUESTED} unless the {@link KioskHeaders#REQUEST_STATUS} header
 * says otherwise (an idempotent replay of an older request); once its uploads are closed (queued,
 * finished or expired) a replay gets no upload URLs, so nothing can overwrite a shot.
 */
public class PreRequestResponder implements Processor {

    private final ObjectPresigner presigner;
    private final GeneratorFleet fleet;
    private final String env;

    public PreRequestResponder(ObjectPresigner presigner, GeneratorFleet fleet, String env) {
        this.presigner = presigner;
        this.fleet = fleet;
        this.env = env;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        KioskRequest request = KioskRequest.of(in);
        ShotStatus status = ShotStatus.valueOf(
                in.getHeader(KioskHeaders.REQUEST_STATUS, ShotStatus.PRE_REQUESTED.name(), String.class));
        String requestId = request.requestId();
        List<ShotUpload> uploads = ShotUpload.OPEN.contains(status)
                ? ShotUpload.presignAll(presigner, env, request)
                : List.of();
        in.setBody(new PreRequestAnswer(requestId, request.concept(), request.shots(), status,
                fleet.state(request.concept()), request.format().contentType(), uploads,
                ApiPaths.conversion(requestId), ApiPaths.request(requestId)));
    }
}
