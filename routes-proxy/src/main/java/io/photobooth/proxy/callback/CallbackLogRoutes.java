package io.photobooth.proxy.callback;

import io.photobooth.kiosk.JsonAnswer;
import io.photobooth.proxy.KioskErrors;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.RequestSql;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code request-callbacks}: any proxy answers the callback deliveries of a vendor's request and
 * every attempt of each, from the database.
 */
@Component
@ProxyRole
public class CallbackLogRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "request-callbacks";
    public static final String ENDPOINT = "direct:request-callbacks";

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID).routeConfigurationId(KioskErrors.ID)
                .process("vendorAuthenticator").id("request-callbacks-authenticate")
                .process("requestIdCheck").id("request-callbacks-check-id")
                .setBody(constant(CallbackSql.SELECT_DELIVERIES))
                .to(RequestSql.JDBC).id("request-callbacks-load")
                .process("callbackLog").id("request-callbacks-read")
                .process(JsonAnswer.withStatus(200)).id("request-callbacks-answer");
    }
}
