package io.photobooth.proxy.completion;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.completion.ShotCompletions;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.RequestSql;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code completion-subscriber}: every proxy receives every completion event of the environment
 * (Redis PSUBSCRIBE on {@code photobooth:{env}:done:*}). Each event is recorded on its shot
 * (guarded, so a duplicate changes nothing), then the events are aggregated by requestId; once
 * every shot reported, the request is finished in the database and the kiosks waiting in this proxy
 * are woken.
 */
@Component
@ProxyRole
public class CompletionSubscriberRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "completion-subscriber";
    /** The inbound endpoint, a property so that a test can point it elsewhere. */
    public static final String ENDPOINT = "{{photobooth.endpoints.completions}}";
    private static final String EVENT = "completionEvent";

    private final long completionTimeoutMillis;

    public CompletionSubscriberRoutes(PhotoboothProperties properties) {
        this.completionTimeoutMillis = properties.kiosk().conversionTimeout().multipliedBy(2).toMillis();
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID)
                .process("completionReader").id("read-completion")
                .log("Shot ${header." + KioskHeaders.SHOT + "} of ${header." + KioskHeaders.REQUEST_ID
                        + "} is ${header.shotStatus}")
                .setProperty(EVENT, body())
                .setBody(constant(RequestSql.RECORD_SHOT))
                .to(RequestSql.JDBC).id("record-shot")
                .setBody(exchangeProperty(EVENT))
                .aggregate(header(KioskHeaders.REQUEST_ID)).aggregationStrategy("shotCompletions")
                    .completionPredicate(ShotCompletions::isComplete)
                    .completionTimeout(completionTimeoutMillis)
                    .id("collect-shots")
                    .setBody(constant(RequestSql.FINISH_REQUEST))
                    .to(RequestSql.JDBC).id("finish-request")
                    .bean("conversionWaiters", "finished(${header." + KioskHeaders.REQUEST_ID + "})").id("wake-waiters")
                .end();
    }
}
