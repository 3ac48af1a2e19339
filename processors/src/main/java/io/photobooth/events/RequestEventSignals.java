package io.photobooth.events;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The event streams open in this proxy, by requestId, and how they learn that new events may be
 * stored: whoever has just written (or, on another proxy, may have written) an event of a request
 * signals it, and every listener of the request wakes and reads the new events from the database.
 * A listener is taken before the events are read, so that a signal between the read and the wait
 * is not lost. Waiting blocks the caller's thread, which in the kiosk API is a virtual thread.
 */
public class RequestEventSignals {

    private final Map<String, Set<Listener>> listening = new ConcurrentHashMap<>();

    /** A one-shot listener: it wakes at the first {@link #signal} of its request after it was taken. */
    public Listener listen(String requestId) {
        Listener listener = new Listener(requestId);
        listening.compute(requestId, (id, listeners) -> {
            Set<Listener> joined = listeners == null ? ConcurrentHashMap.newKeySet() : listeners;
            joined.add(listener);
            return joined;
        });
        return listener;
    }

    /** Wakes every listener of the request in this proxy; a no-op when none listens. */
    public void signal(String requestId) {
        Set<Listener> listeners = listening.remove(requestId);
        if (listeners != null) {
            listeners.forEach(listener -> listener.signalled.complete(null));
        }
    }

    /** How many listeners wait for a signal. */
    public int size() {
        return listening.values().stream().mapToInt(Set::size).sum();
    }

    private void forget(Listener listener) {
        listening.computeIfPresent(listener.requestId, (id, listeners) -> {
            listeners.remove(listener);
            return listeners.isEmpty() ? null : listeners;
        });
    }

    public final class Listener implements AutoCloseable {

        private final String requestId;
        private final CompletableFuture<Void> signalled = new CompletableFuture<>();

        private Listener(String requestId) {
            this.requestId = requestId;
        }

        /** Waits until the request is signalled or the timeout passes; true when signalled. */
        public boolean await(Duration timeout) throws InterruptedException {
            try {
                signalled.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException("a listener is never completed exceptionally", e);
            }
        }

        /** Stops listening; a signal after this changes nothing. */
        @Override
        public void close() {
            forget(this);
        }
    }
}
