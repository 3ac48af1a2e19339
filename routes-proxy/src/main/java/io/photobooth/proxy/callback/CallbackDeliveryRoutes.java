package io.photobooth.proxy.callback;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

import io.photobooth.callback.CallbackHeaders;
import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.Callbacks;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.RequestSql;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jdbc.JdbcConstants;
import org.springframework.stereotype.Component;

/**
 * {@code callback-delivery}: every {@code callbacks.poll-interval}, claims up to
 * {@code callbacks.batch-size} due deliveries of the outbox (one guarded statement, which also
 * leases them to this proxy) and attempts them side by side. {@code callback-attempt}: one attempt
 * of one delivery: reads its event, request and shots, builds and signs the body, POSTs it to the
 * vendor's URL (with the signature headers only; redirects are not followed; the receiver gets
 * {@code callbacks.timeout} to connect and to answer), then records the attempt and its outcome in
 * one statement: DELIVERED on a 2xx, else retried later with backoff, or GAVE_UP after
 * {@code callbacks.max-attempts}. It runs on its own threads, never on a kiosk's: a receiver that
 * is down or slow delays nothing but its own deliveries. The routes are not started when no vendor
 * has a callback.
 */
@Component
@ProxyRole
public class CallbackDeliveryRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "callback-delivery";
    public static final String ATTEMPT_ROUTE_ID = "callback-attempt";
    public static final String ATTEMPT_ENDPOINT = "direct:callback-attempt";

    private final Callbacks settings;
    private final CallbackVendors vendors;

    public CallbackDeliveryRoutes(PhotoboothProperties properties, CallbackVendors vendors) {
        this.settings = properties.callbacks();
        this.vendors = vendors;
    }

    /**
     * How long a claimed delivery is left to its proxy: an attempt takes at most the timeout to
     * connect plus the timeout to answer; a third covers the statements around it.
     */
    Duration lease() {
        return settings.timeout().multipliedBy(3);
    }

    @Override
    public void configure() {
        long timeout = settings.timeout().toMillis();
        ExecutorService attempts = getContext().getExecutorServiceManager()
                .newFixedThreadPool(this, ROUTE_ID, settings.batchSize());

        from("timer:" + ROUTE_ID + "?delay=" + settings.pollInterval().toMillis()
                + "&period=" + settings.pollInterval().toMillis())
                .routeId(ROUTE_ID).autoStartup(vendors.any())
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "Could not claim callback deliveries (the next poll tries again):"
                            + " ${exception.message}")
                .end()
                .setHeader(CallbackSql.VENDORS, constant(vendors.csv()))
                .setHeader(CallbackSql.BATCH_SIZE, constant(settings.batchSize()))
                .setHeader(CallbackSql.LEASE_MILLIS, constant(lease().toMillis()))
                .setBody(constant(CallbackSql.CLAIM_DUE))
                .to(RequestSql.JDBC).id("callback-claim")
                .split(body()).parallelProcessing().executorService(attempts).id("callback-each")
                    .to(ATTEMPT_ENDPOINT).id("callback-attempt-each")
                .end();

        from(ATTEMPT_ENDPOINT).routeId(ATTEMPT_ROUTE_ID).autoStartup(vendors.any())
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "Could not attempt callback delivery ${header." + CallbackHeaders.DELIVERY_ID
                            + "} (attempted again once its lease has passed): ${exception.message}")
                .end()
                .setHeader(CallbackHeaders.DELIVERY_ID, simple("${body[delivery_id]}"))
                .setHeader(CallbackHeaders.EVENT_ID, simple("${body[event_id]}"))
                .setHeader(CallbackHeaders.ATTEMPTS, simple("${body[attempts]}"))
                .setHeader(KioskHeaders.VENDOR, simple("${body[vendor]}"))
                .setHeader(KioskHeaders.REQUEST_ID, simple("${body[request_id]}"))
                .setBody(constant(CallbackSql.SELECT_EVENT))
                .to(RequestSql.JDBC).id("callback-load-event")
                .process("callbackEvents").id("callback-build-body")
                .process("callbackSigner").id("callback-sign")
                .doTry()
                    .to("http://callback-receiver?httpMethod=POST&throwExceptionOnFailure=false&followRedirects=false"
                            + "&ignoreResponseBody=true&skipResponseHeaders=true"
                            + "&headerFilterStrategy=#callbackSignatureHeadersOnly&httpClientConfigurer=#callbackHttpClient"
                            + "&connectTimeout=" + timeout + "&responseTimeout=" + timeout + "&soTimeout=" + timeout)
                        .id("callback-post")
                .doCatch(Exception.class)
                    .log(LoggingLevel.DEBUG, "Callback receiver of ${header." + KioskHeaders.VENDOR
                            + "} did not answer: ${exception.message}")
                .end()
                .process("callbackOutcome").id("callback-outcome")
                .setBody(constant(CallbackSql.RECORD_ATTEMPT))
                .to(RequestSql.JDBC).id("callback-record")
                .choice()
                    .when(header(JdbcConstants.JDBC_UPDATE_COUNT).isEqualTo(0))
                        .log(LoggingLevel.WARN, "Callback delivery ${header." + CallbackHeaders.DELIVERY_ID
                                + "} was attempted by another proxy meanwhile: this attempt is not recorded")
                    .when(header(CallbackHeaders.DELIVERY_STATUS).isEqualTo("GAVE_UP"))
                        .log(LoggingLevel.WARN, "Gave up the callback of event ${header." + CallbackHeaders.EVENT_ID
                                + "} to ${header." + KioskHeaders.VENDOR + "} after ${header." + CallbackHeaders.ATTEMPT
                                + "} attempts")
                .end();
    }
}
