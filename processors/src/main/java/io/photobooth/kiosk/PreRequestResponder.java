package io.photobooth.kiosk;

import io.photobooth.contract.ShotStatus;
import io.photobooth.fleet.GeneratorFleet;
import io.photobooth.storage.ObjectPresigner;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Answers a recorded pre-request: one presigned upload per shot and the generator's state. The
 * request's status is {@code PRE_REQUESTED} unless the {@link KioskHeaders#REQUEST_STATUS} header
 * says otherwise (an idempotent replay of an older request).
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
        String status = in.getHeader(KioskHeaders.REQUEST_STATUS, ShotStatus.PRE_REQUESTED.name(), String.class);
        String requestId = request.requestId();
        in.setBody(new PreRequestAnswer(requestId, request.concept(), request.shots(), ShotStatus.valueOf(status),
                fleet.state(request.concept()), request.format().contentType(),
                ShotUpload.presignAll(presigner, env, request),
                ApiPaths.conversion(requestId), ApiPaths.request(requestId)));
    }
}
