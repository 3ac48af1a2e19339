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
 * Completion events travel by Redis pub/sub, which delivers at most once and only to the proxies
 * connected at that moment. Every {@code reconcile-interval}, {@code reconcile-completions} checks
 * the requests queued for longer than {@code reconcile-after} against what the generators left in
 * S3 ({@code reconcile-request}): a result records its shot {@code DONE}, a failure record replays
 * the FAILED event it holds, and the request is finished once no shot is pending, with the same
 * guarded statements as {@code completion-subscriber}. Then {@code wake-finished-waiters} wakes the
 * kiosks waiting in this proxy on any request the database says is finished, whoever finished it.
 * Every proxy runs this; the guards make each change happen once.
 */
@Component
@ProxyRole
public class ReconcileCompletionsRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "reconcile-completions";
    public static final String REQUEST_ROUTE_ID = "reconcile-request";
    public static final String REQUEST_ENDPOINT = "direct:reconcile-request";
    public static final String WAKE_ROUTE_ID = "wake-finished-waiters";
    public static final String WAKE_ENDPOINT = "direct:wake-finished-waiters";

    private final PhotoboothProperties properties;

    public ReconcileCompletionsRoutes(PhotoboothProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("timer:" + ROUTE_ID + "?period={{photobooth.kiosk.reconcile-interval}}").routeId(ROUTE_ID)
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "Could not reconcile the queued requests: ${exception.message}")
                .end()
                .setHeader(SweepSql.RECONCILE_AFTER_MILLIS, constant(properties.kiosk().reconcileAfter().toMillis()))
                .setHeader(SweepSql.REQUEST_EXPIRY_MILLIS, constant(properties.kiosk().requestExpiry().toMillis()))
                .setBody(constant(SweepSql.QUEUED_TO_RECONCILE))
                .to(RequestSql.JDBC).id("reconcile-completions-select")
                .split(body()).id("reconcile-completions-each-request")
                    .setHeader(KioskHeaders.REQUEST_ID, simple("${body[request_id]}"))
                    .setHeader(KioskHeaders.VENDOR, simple("${body[vendor]}"))
                    .setHeader(KioskHeaders.SHOTS, simple("${body[shots]}"))
                    .to(REQUEST_ENDPOINT).id("reconcile-completions-reconcile")
                .end()
                .to(WAKE_ENDPOINT).id("reconcile-completions-wake");

        from(REQUEST_ENDPOINT).routeId(REQUEST_ROUTE_ID)
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "Could not reconcile request ${header.requestId}: ${exception.message}")
                .end()
                .setHeader(AWS2S3Constants.PREFIX, method("storedOutcomes", "prefixOf"))
                .to("aws2-s3://{{photobooth.bucket}}?operation=listObjects").id("reconcile-request-list-results")
                .process("storedOutcomes").id("reconcile-request-read-outcomes")
                .filter(simple("${body.size()} > 0"))
                    .split(body()).id("reconcile-request-each-outcome")
                        .choice()
                            .when(simple("${body.failed()}"))
                                .setHeader(AWS2S3Constants.KEY, simple("${body.key()}"))
                                .to("aws2-s3://{{photobooth.bucket}}?operation=getObject")
                                    .id("reconcile-request-get-failure")
                                .convertBodyTo(String.class)
                                .process("completionReader").id("reconcile-request-read-failure")
                            .otherwise()
                                .process("reconciledShot").id("reconcile-request-read-result")
                                .setHeader(RequestSql.ACTOR, simple(RequestSql.PROXY_ACTOR))
                        .end()
                        .setBody(constant(RequestSql.RECORD_SHOT))
                        .to(RequestSql.JDBC).id("reconcile-request-record-shot")
                        .filter(header(JdbcConstants.JDBC_UPDATE_COUNT).isGreaterThan(0))
                            .log("Shot ${header." + KioskHeaders.SHOT + "} of ${header." + KioskHeaders.REQUEST_ID
                                    + "} reconciled from S3: ${header.shotStatus}")
                        .end()
                    .end()
                    .setHeader(RequestSql.ACTOR, simple(RequestSql.PROXY_ACTOR))
                    .setBody(constant(RequestSql.FINISH_REQUEST))
                    .to(RequestSql.JDBC).id("reconcile-request-finish-request")
                .end();

        from(WAKE_ENDPOINT).routeId(WAKE_ROUTE_ID)
                .setBody(method("conversionWaiters", "waitingFor"))
                .split(body()).id("wake-finished-waiters-each")
                    .setHeader(KioskHeaders.REQUEST_ID, body())
                    .setBody(constant(RequestSql.REQUEST_FINISHED))
                    .to(RequestSql.JDBC + "&outputType=SelectOne").id("wake-finished-waiters-check")
                    .filter(body().isEqualTo(true))
                        .bean("conversionWaiters", "finished(${header." + KioskHeaders.REQUEST_ID + "})")
                            .id("wake-finished-waiters-wake")
                    .end()
                .end();
    }
}
