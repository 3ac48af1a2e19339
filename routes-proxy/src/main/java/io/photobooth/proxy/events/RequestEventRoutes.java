package io.photobooth.proxy.events;

import io.photobooth.events.EventStream;
import io.photobooth.proxy.KioskErrors;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.RequestSql;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code request-events}: streams a request's progress as Server-Sent Events, from the database, on
 * any proxy. Refusals (no key, unknown or another vendor's request) are answered as problems before
 * the stream opens. Once open, the route writes each stored event directly to the kiosk's response
 * and loops: read the events after the last one sent, write them, wait for a signal of this proxy
 * that new ones may be stored (or the recheck interval), until the request is finished, the kiosk
 * has gone, or {@code photobooth.kiosk.event-stream-timeout} is up. A failure once the stream is
 * open only ends it: the kiosk reconnects with {@code Last-Event-ID}.
 */
@Component
@ProxyRole
public class RequestEventRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "request-events";
    public static final String ENDPOINT = "direct:request-events";

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID).routeConfigurationId(KioskErrors.ID)
                .process("keepServletResponse").id("request-events-keep-response")
                .process("vendorAuthenticator").id("request-events-authenticate")
                .process("requestIdCheck").id("request-events-check-id")
                .setBody(constant(RequestEventSql.SELECT_REQUEST_OF_VENDOR))
                .to(RequestSql.JDBC).id("request-events-load")
                .process("eventStreamOpener").id("request-events-open")
                .doTry()
                    .loopDoWhile(EventStream::isOpen)
                        .setBody(constant(RequestEventSql.EVENTS_AFTER))
                        .to(RequestSql.JDBC).id("request-events-read")
                        .process("eventStreamWriter").id("request-events-write")
                        .process("eventStreamWait").id("request-events-wait")
                    .endDoTry()
                .doCatch(Exception.class)
                    .log(LoggingLevel.WARN, "The event stream of ${header.requestId} broke off: ${exception}")
                .doFinally()
                    .process("eventStreamEnd").id("request-events-end")
                .end();
    }
}
