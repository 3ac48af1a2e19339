package io.photobooth.proxy.uploads;

import io.photobooth.kiosk.JsonAnswer;
import io.photobooth.proxy.KioskErrors;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.RequestSql;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code upload-urls}: fresh presigned upload URLs for a request whose uploads are still open
 * ({@code PRE_REQUESTED} or {@code UPLOADED}), in the request's photo format; refused with
 * {@code uploads-closed} once it is queued, finished or expired.
 */
@Component
@ProxyRole
public class UploadUrlsRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "upload-urls";
    public static final String ENDPOINT = "direct:upload-urls";

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID).routeConfigurationId(KioskErrors.ID)
                .process("vendorAuthenticator").id("upload-urls-authenticate")
                .process("requestIdCheck").id("upload-urls-check-id")
                .setBody(constant(RequestSql.SELECT_REQUEST))
                .to(RequestSql.JDBC).id("upload-urls-load")
                .process("requestAnswerer").id("upload-urls-read")
                .process("uploadUrlsResponder").id("presign-fresh-uploads")
                .process(JsonAnswer.withStatus(200)).id("upload-urls-answer");
    }
}
