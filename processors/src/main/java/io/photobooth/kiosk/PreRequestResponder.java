package io.photobooth.kiosk;

import java.util.stream.IntStream;

import io.photobooth.contract.ObjectKeys;
import io.photobooth.contract.ShotStatus;
import io.photobooth.fleet.GeneratorFleet;
import io.photobooth.storage.ObjectPresigner;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Answers a recorded pre-request: one presigned upload per shot and the generator's state. */
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
        String requestId = request.requestId();
        var uploads = IntStream.rangeClosed(1, request.shots())
                .mapToObj(shot -> ShotUpload.of(shot,
                        presigner.upload(ObjectKeys.upload(env, request.vendor(), requestId, shot))))
                .toList();
        in.setBody(new PreRequestAnswer(requestId, request.concept(), request.shots(), ShotStatus.PRE_REQUESTED,
                fleet.state(request.concept()), uploads, ApiPaths.conversion(requestId), ApiPaths.request(requestId)));
    }
}
