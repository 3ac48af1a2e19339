package io.photobooth.proxy.prerequest;

import io.photobooth.kiosk.JsonAnswer;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.kiosk.RequestIds;
import io.photobooth.proxy.KioskErrors;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.RequestSql;
import io.photobooth.proxy.fleet.WarmGeneratorRoutes;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jdbc.JdbcConstants;
import org.springframework.stereotype.Component;

/**
 * {@code pre-request}: the customer has paid. Records the request and its shots in one statement,
 * warms the concept's generators (their start is claimed and handed over, never waited for), and
 * answers {@code 201} with their state and one
 * presigned upload URL per shot. A repeat with the same {@code Idempotency-Key} writes nothing and
 * answers {@code 200} with the same request and fresh upload URLs.
 */
@Component
@ProxyRole
public class PreRequestRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "pre-request";
    public static final String ENDPOINT = "direct:pre-request";

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID).routeConfigurationId(KioskErrors.ID)
                .process("vendorAuthenticator").id("pre-request-authenticate")
                .process("preRequestValidator").id("validate-pre-request")
                .setHeader(KioskHeaders.REQUEST_ID, method(RequestIds.class, "next"))
                .setHeader(RequestSql.ACTOR, simple(RequestSql.PROXY_ACTOR))
                .setBody(constant(RequestSql.INSERT_REQUEST))
                .to(RequestSql.JDBC).id("insert-request")
                .choice()
                    .when(header(JdbcConstants.JDBC_UPDATE_COUNT).isEqualTo(0))
                        .setBody(constant(RequestSql.SELECT_BY_IDEMPOTENCY_KEY))
                        .to(RequestSql.JDBC).id("load-idempotent-request")
                        .process("idempotentReplay").id("replay-pre-request")
                        .process("preRequestResponder").id("presign-replayed-uploads")
                        .process(JsonAnswer.withStatus(200)).id("pre-request-replay-answer")
                    .otherwise()
                        .toD(WarmGeneratorRoutes.endpointOfConcept()).id("warm-generator")
                        .process("preRequestResponder").id("presign-uploads")
                        .process(JsonAnswer.withStatus(201)).id("pre-request-answer")
                .end();
    }
}
