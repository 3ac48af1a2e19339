package io.photobooth.proxy.audit;

import io.photobooth.kiosk.JsonAnswer;
import io.photobooth.proxy.KioskErrors;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.RequestSql;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code audit-trail}: any proxy answers the audit trail of one of the vendor's requests, read from
 * {@code request_audit}: every state change of the request and its shots, when, and by whom.
 */
@Component
@ProxyRole
public class AuditTrailRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "audit-trail";
    public static final String ENDPOINT = "direct:audit-trail";

    /** The request, if it is the caller's, with each of its audit rows in order; one row without a change if none. */
    static final String SELECT_AUDIT_TRAIL = """
            select a.shot, a.status, a.reason, a.actor, a.changed_at
            from conversion_request r
            left join request_audit a on a.request_id = r.request_id
            where r.request_id = cast(:?requestId as uuid) and r.vendor = :?vendor
            order by a.audit_id
            """;

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID).routeConfigurationId(KioskErrors.ID)
                .process("vendorAuthenticator").id("audit-trail-authenticate")
                .process("requestIdCheck").id("audit-trail-check-id")
                .setBody(constant(SELECT_AUDIT_TRAIL))
                .to(RequestSql.JDBC).id("audit-trail-load")
                .process("auditTrailReader").id("audit-trail-read")
                .process(JsonAnswer.withStatus(200)).id("audit-trail-answer");
    }
}
