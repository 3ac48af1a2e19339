package io.photobooth.proxy.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.photobooth.events.EventSink;
import io.photobooth.events.SseFrames;
import io.photobooth.proxy.ProxyRole;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

/**
 * Keeps the servlet response of a kiosk's platform-http exchange as its {@link EventSink}, which
 * the event stream then writes directly while the route runs: the Spring Boot platform-http
 * consumer writes the exchange to the response only after the route has completed, so a stream
 * cannot be the route's body. The consumer puts the request and the response on the exchange as
 * its {@link PlatformHttpMessage}; this must be the route's first step, because a later
 * {@code setBody} replaces that message with a plain one.
 */
@Component("keepServletResponse")
@ProxyRole
public class KeepServletResponse implements Processor {

    @Override
    public void process(Exchange exchange) {
        if (!(exchange.getIn() instanceof PlatformHttpMessage message)) {
            throw new IllegalStateException("An event stream needs the exchange of a platform-http request, not of "
                    + exchange.getFromEndpoint());
        }
        exchange.setProperty(EventSink.PROPERTY, new ServletEventSink(message.getResponse()));
    }

    private record ServletEventSink(HttpServletResponse response) implements EventSink {

        @Override
        public void open() throws IOException {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(SseFrames.CONTENT_TYPE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("Cache-Control", "no-cache");
            response.flushBuffer();
        }

        @Override
        public void send(String frames) throws IOException {
            ServletOutputStream out = response.getOutputStream();
            out.write(frames.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
