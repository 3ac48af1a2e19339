package io.photobooth.completion;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kiosks waiting in this proxy for their request to finish, by requestId. A waiter only learns
 * <em>that</em> the request finished; the outcome is read from the database, which every proxy
 * shares. Waiting blocks the caller's thread, which in the kiosk API is a virtual thread.
 */
public class ConversionWaiters {

    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** Registers interest before the jobs are sent, so that no completion can slip past. */
    public void register(String requestId) {
        waiting.computeIfAbsent(requestId, id -> new CompletableFuture<>());
    }

    /** Waits until {@link #finished} is called for the request, or the timeout passes. */
    public boolean await(String requestId, Duration timeout) throws InterruptedException {
        CompletableFuture<Void> finished = waiting.computeIfAbsent(requestId, id -> new CompletableFuture<>());
        try {
            finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a waiter is never completed exceptionally", e);
        } finally {
            waiting.remove(requestId, finished);
        }
    }

    /**
     * Wakes every kiosk waiting on the request in this proxy; a no-op when none registered. A
     * registered waiter stays finished until it is awaited, so a completion that arrives between
     * {@link #register} and {@link #await} is not lost.
     */
    public void finished(String requestId) {
        CompletableFuture<Void> finished = waiting.get(requestId);
        if (finished != null) {
            finished.complete(null);
        }
    }

    /** Drops a registration that will never be awaited (the jobs could not be sent). */
    public void forget(String requestId) {
        waiting.remove(requestId);
    }

    /** The requests kiosks are waiting on in this proxy now, a snapshot. */
    public List<String> waitingFor() {
        return List.copyOf(waiting.keySet());
    }

    public int size() {
        return waiting.size();
    }
}
