package io.photobooth.kiosk;

import java.util.List;

import io.photobooth.contract.ShotStatus;
import io.photobooth.fleet.FleetHeaders;
import io.photobooth.fleet.GeneratorState;
import io.photobooth.storage.ObjectPresigner;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Answers a recorded pre-request: one presigned upload per shot and the generators' state as the
 * warm-up reported it in the {@link FleetHeaders#STATE} header ({@code STARTING} when it could not
 * tell). The
 * request's status is {@code PRE_REQUESTED} unless the {@link KioskHeaders#REQUEST_STATUS} header
 * says otherwise (an idempotent replay of an older request); once its uploads are closed (queued,
 * finished or expired) a replay gets no upload URLs, so nothing can overwrite a shot.
 */
public class PreRequestResponder implements Processor {

    private final ObjectPresigner presigner;
    private final String env;

    public PreRequestResponder(ObjectPresigner presigner, String env) {
        this.presigner = presigner;
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
                in.getHeader(FleetHeaders.STATE, GeneratorState.STARTING, GeneratorState.class),
                request.format().contentType(), uploads,
                ApiPaths.conversion(requestId), ApiPaths.request(requestId)));
    }
}
