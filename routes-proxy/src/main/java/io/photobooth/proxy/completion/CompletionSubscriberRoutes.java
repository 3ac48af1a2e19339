package io.photobooth.proxy.completion;

import io.photobooth.contract.ConversionStatus;
import io.photobooth.conversion.CompletionReader;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.RequestSql;
import io.photobooth.proxy.events.RequestEventSql;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jdbc.JdbcConstants;
import org.springframework.stereotype.Component;

/**
 * {@code completion-subscriber}: every proxy receives every completion event of the environment
 * (Redis PSUBSCRIBE on {@code photobooth:{env}:done:*}). Each event is recorded on its shot, then
 * the request is finished once none of its shots is pending; both statements are guarded, so a
 * duplicated event or a second proxy changes nothing. The shots of a request are aggregated by the
 * database, not in memory: every proxy sees the same state, and a late or duplicated event never
 * holds anything open. When the database says the request is finished (the statement that finished
 * it, or a read after one that did not), the kiosks waiting on it in this proxy are woken. A
 * {@code PROCESSING} notice (a generator started a shot) only records the shot's start and its
 * {@code processing} event, once. Every statement stores the request event of the change it makes;
 * after each notice the event streams of the request in this proxy are woken, whichever proxy
 * stored the event.
 */
@Component
@ProxyRole
public class CompletionSubscriberRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "completion-subscriber";
    /** The inbound endpoint, a property so that a test can point it elsewhere. */
    public static final String ENDPOINT = "{{photobooth.endpoints.completions}}";

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID)
                .process("completionReader").id("read-completion")
                .log("Shot ${header." + KioskHeaders.SHOT + "} of ${header." + KioskHeaders.REQUEST_ID
                        + "} is ${header.shotStatus}")
                .choice()
                    .when(header(CompletionReader.SHOT_STATUS).isEqualTo(ConversionStatus.PROCESSING.name()))
                        .setBody(constant(RequestEventSql.RECORD_SHOT_STARTED))
                        .to(RequestSql.JDBC).id("record-shot-started")
                    .otherwise()
                        .setBody(constant(RequestSql.RECORD_SHOT))
                        .to(RequestSql.JDBC).id("record-shot")
                        .setHeader(RequestSql.ACTOR, simple(RequestSql.PROXY_ACTOR))
                        .setBody(constant(RequestSql.FINISH_REQUEST))
                        .to(RequestSql.JDBC).id("finish-request")
                        .choice()
                            // this statement finished the request (it stored the done or failed event)
                            .when(header(JdbcConstants.JDBC_UPDATE_COUNT).isGreaterThan(0))
                                .setBody(constant(true))
                            // not yet, or already (another proxy, a duplicated event): ask the database
                            .otherwise()
                                .setBody(constant(RequestSql.REQUEST_FINISHED))
                                .to(RequestSql.JDBC + "&outputType=SelectOne").id("check-finished")
                        .end()
                        .filter(body().isEqualTo(true))
                            .bean("conversionWaiters", "finished(${header." + KioskHeaders.REQUEST_ID + "})")
                                .id("wake-waiters")
                        .end()
                .end()
                .bean("requestEventSignals", "signal(${header." + KioskHeaders.REQUEST_ID + "})")
                    .id("wake-event-streams");
    }
}
