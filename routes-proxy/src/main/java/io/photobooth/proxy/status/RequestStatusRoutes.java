package io.photobooth.proxy.status;

import io.photobooth.kiosk.JsonAnswer;
import io.photobooth.proxy.KioskErrors;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.RequestSql;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code request-status}: any proxy answers a request's status from the database, with fresh
 * result URLs once done. {@code concepts}: the vendor's concepts and their generators' state.
 */
@Component
@ProxyRole
public class RequestStatusRoutes extends RouteBuilder {

    public static final String STATUS_ROUTE_ID = "request-status";
    public static final String STATUS_ENDPOINT = "direct:request-status";
    public static final String CONCEPTS_ROUTE_ID = "concepts";
    public static final String CONCEPTS_ENDPOINT = "direct:concepts";

    @Override
    public void configure() {
        from(STATUS_ENDPOINT).routeId(STATUS_ROUTE_ID).routeConfigurationId(KioskErrors.ID)
                .process("vendorAuthenticator").id("request-status-authenticate")
                .process("requestIdCheck").id("request-status-check-id")
                .setBody(constant(RequestSql.SELECT_REQUEST))
                .to(RequestSql.JDBC).id("request-status-load")
                .process("requestAnswerer").id("request-status-read")
                .process(JsonAnswer.withStatus(200)).id("request-status-answer");

        from(CONCEPTS_ENDPOINT).routeId(CONCEPTS_ROUTE_ID).routeConfigurationId(KioskErrors.ID)
                .process("vendorAuthenticator").id("concepts-authenticate")
                .process("conceptLister").id("list-concepts")
                .process(JsonAnswer.withStatus(200)).id("concepts-answer");
    }
}
