package io.photobooth.proxy.sweep;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.RequestSql;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.jdbc.JdbcConstants;
import org.springframework.stereotype.Component;

/**
 * {@code expire-requests}: every {@code expiry-sweep-interval}, requests never queued within
 * {@code request-expiry} of their pre-request become {@code EXPIRED}, refund-eligible as
 * {@code NOT_SUBMITTED} (one guarded statement, so a
 * request is expired by one sweep of one proxy, and never after its claim). Where
 * {@code remove-expired-uploads} is on (the {@code local} profile), {@code remove-expired-uploads}
 * then deletes the uploads of each request it expired; on AWS a lifecycle rule on {@code uploads/}
 * does that. A request still {@code QUEUED} {@code request-expiry} after its claim (its jobs went to
 * a dead-letter queue) has its pending shots failed with the reason and is finished, so no kiosk
 * waits on it for ever. Before that, the shots of a queued request that no generator started
 * {@code deadline-grace} after its deadline expire ({@code DEADLINE_MISSED}) and the request is
 * finished: it ends soon after its deadline even when no generator comes. Both hand the requests
 * they changed to {@code finish-swept-requests}, which finishes each and wakes its kiosks.
 */
@Component
@ProxyRole
public class ExpireRequestsRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "expire-requests";
    public static final String REMOVE_ROUTE_ID = "remove-expired-uploads";
    public static final String REMOVE_ENDPOINT = "direct:remove-expired-uploads";
    public static final String FINISH_ROUTE_ID = "finish-swept-requests";
    public static final String FINISH_ENDPOINT = "direct:finish-swept-requests";
    /** Header: what the sweep did to the shots of the requests it hands to {@link #FINISH_ENDPOINT}, for the log. */
    static final String SWEPT_SHOTS = "sweptShots";

    private final PhotoboothProperties properties;

    public ExpireRequestsRoutes(PhotoboothProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("timer:" + ROUTE_ID + "?period={{photobooth.kiosk.expiry-sweep-interval}}").routeId(ROUTE_ID)
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "Could not expire requests: ${exception.message}")
                .end()
                .setHeader(SweepSql.REQUEST_EXPIRY_MILLIS, constant(properties.kiosk().requestExpiry().toMillis()))
                .setHeader(RequestSql.ACTOR, simple(RequestSql.PROXY_ACTOR))
                .setBody(constant(SweepSql.EXPIRE_REQUESTS))
                .to(RequestSql.JDBC).id("expire-requests-update")
                .split(body()).id("expire-requests-each")
                    .setHeader(KioskHeaders.REQUEST_ID, simple("${body[request_id]}"))
                    .setHeader(KioskHeaders.VENDOR, simple("${body[vendor]}"))
                    .log("Request ${header." + KioskHeaders.REQUEST_ID + "} expired before it was converted")
                    .bean("requestEventSignals", "signal(${header." + KioskHeaders.REQUEST_ID + "})")
                    .filter(constant(properties.kiosk().removeExpiredUploads()))
                        .to(REMOVE_ENDPOINT).id("expire-requests-remove-uploads")
                    .end()
                .end()
                .setHeader(SweepSql.DEADLINE_GRACE_MILLIS, constant(properties.kiosk().deadlineGrace().toMillis()))
                .setBody(constant(SweepSql.EXPIRE_LATE_SHOTS))
                .to(RequestSql.JDBC).id("expire-requests-expire-late")
                .setHeader(SWEPT_SHOTS, constant("expired: no generator took them before the deadline"))
                .to(FINISH_ENDPOINT).id("expire-requests-finish-late")
                .setBody(constant(SweepSql.FAIL_OVERDUE_SHOTS))
                .to(RequestSql.JDBC).id("expire-requests-fail-overdue")
                .setHeader(SWEPT_SHOTS, constant("failed: queued but not converted before the request expired"))
                .to(FINISH_ENDPOINT).id("expire-requests-finish-overdue");

        // the requests whose shots a sweep ended, as the rows of its statement: each is finished once
        // none of its shots is pending, and its kiosks are woken; a failure is expire-requests' to log
        from(FINISH_ENDPOINT).routeId(FINISH_ROUTE_ID).errorHandler(noErrorHandler())
                .split(body()).id("finish-swept-each")
                    .setHeader(KioskHeaders.REQUEST_ID, simple("${body[request_id]}"))
                    .log(LoggingLevel.WARN, "Shots of request ${header." + KioskHeaders.REQUEST_ID
                            + "} ${header." + SWEPT_SHOTS + "}")
                    .setBody(constant(RequestSql.FINISH_REQUEST))
                    .to(RequestSql.JDBC).id("finish-swept-request")
                    // finished, unless a shot a generator started is still converting
                    .filter(header(JdbcConstants.JDBC_UPDATE_COUNT).isGreaterThan(0))
                        .bean("conversionWaiters", "finished(${header." + KioskHeaders.REQUEST_ID + "})")
                            .id("finish-swept-wake-waiters")
                    .end()
                    .bean("requestEventSignals", "signal(${header." + KioskHeaders.REQUEST_ID + "})")
                .end();

        from(REMOVE_ENDPOINT).routeId(REMOVE_ROUTE_ID)
                .onException(Exception.class).handled(true).maximumRedeliveries(2).redeliveryDelay(1000)
                    .log(LoggingLevel.WARN, "Could not remove the uploads of expired request ${header."
                            + KioskHeaders.REQUEST_ID + "}: ${exception.message}")
                .end()
                .setHeader(AWS2S3Constants.PREFIX, method("uploadVerifier", "prefixOf"))
                .to("aws2-s3://{{photobooth.bucket}}?operation=listObjects").id("remove-expired-uploads-list")
                .split(body()).id("remove-expired-uploads-each")
                    .setHeader(AWS2S3Constants.KEY, simple("${body.key()}"))
                    .to("aws2-s3://{{photobooth.bucket}}?operation=deleteObject").id("remove-expired-uploads-delete")
                .end();
    }
}
