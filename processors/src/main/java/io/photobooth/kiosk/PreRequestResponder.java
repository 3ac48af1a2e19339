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
        String requestId = in.getHeader(KioskHeaders.REQUEST_ID, String.class);
        String vendor = in.getHeader(KioskHeaders.VENDOR, String.class);
        String concept = in.getHeader(KioskHeaders.CONCEPT, String.class);
        int shots = in.getHeader(KioskHeaders.SHOTS, Integer.class);
        var uploads = IntStream.rangeClosed(1, shots)
                .mapToObj(shot -> ShotUpload.of(shot, presigner.upload(ObjectKeys.upload(env, vendor, requestId, shot))))
                .toList();
        in.setBody(new PreRequestAnswer(requestId, concept, shots, ShotStatus.PRE_REQUESTED, fleet.state(concept),
                uploads, ApiPaths.conversion(requestId), ApiPaths.request(requestId)));
    }
}
