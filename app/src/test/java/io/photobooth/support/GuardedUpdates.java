package io.photobooth.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.RequestSql;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.component.jdbc.JdbcConstants;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Watches one running CamelContext for the guarded statements {@code RECORD_SHOT} and
 * {@code FINISH_REQUEST}, whichever route runs them (the completion subscriber or reconciliation),
 * and counts per request (and shot) how often they ran and how many rows PostgreSQL reported
 * changed. Registered on every proxy, it shows that each proxy ran the statements and that the
 * database changed each row once in all.
 */
public final class GuardedUpdates extends EventNotifierSupport implements AutoCloseable {

    /** How often a statement ran for one row, and how many rows it changed in all. */
    public record Count(int runs, int changed) {

        Count plus(Count other) {
            return new Count(runs + other.runs, changed + other.changed);
        }
    }

    private final CamelContext camel;
    private final Map<String, Count> counts = new ConcurrentHashMap<>();

    private GuardedUpdates(CamelContext camel) {
        this.camel = camel;
    }

    /** Starts watching the context; {@link #close} stops. */
    public static GuardedUpdates on(CamelContext camel) {
        GuardedUpdates updates = new GuardedUpdates(camel);
        camel.getManagementStrategy().addEventNotifier(updates);
        ServiceHelper.startService(updates);
        return updates;
    }

    public Count recordShot(String requestId, int shot) {
        return counts.getOrDefault(recordShotKey(requestId, shot), new Count(0, 0));
    }

    public Count finishRequest(String requestId) {
        return counts.getOrDefault(finishRequestKey(requestId), new Count(0, 0));
    }

    /** Camel reports that an exchange was sent only to a notifier that took the event that it is sending. */
    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeSendingEvent || event instanceof ExchangeSentEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (!(event instanceof ExchangeSentEvent sent) || !sent.getEndpoint().getEndpointUri().startsWith("jdbc:")) {
            return;
        }
        Message message = sent.getExchange().getMessage();
        // the routes set the SQL as constant(...), which strips it
        Object sql = message.getBody();
        String requestId = message.getHeader(KioskHeaders.REQUEST_ID, String.class);
        String key;
        if (RequestSql.RECORD_SHOT.strip().equals(sql)) {
            key = recordShotKey(requestId, message.getHeader(KioskHeaders.SHOT, Integer.class));
        } else if (RequestSql.FINISH_REQUEST.strip().equals(sql)) {
            key = finishRequestKey(requestId);
        } else {
            return;
        }
        Integer changed = message.getHeader(JdbcConstants.JDBC_UPDATE_COUNT, Integer.class);
        counts.merge(key, new Count(1, changed == null ? 0 : changed), Count::plus);
    }

    private static String recordShotKey(String requestId, int shot) {
        return "RECORD_SHOT " + requestId + " " + shot;
    }

    private static String finishRequestKey(String requestId) {
        return "FINISH_REQUEST " + requestId;
    }

    @Override
    public void close() {
        camel.getManagementStrategy().removeEventNotifier(this);
        ServiceHelper.stopService(this);
    }
}
