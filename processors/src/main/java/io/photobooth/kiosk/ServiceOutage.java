package io.photobooth.kiosk;

import java.io.InterruptedIOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Whether a failure is a backing service (PostgreSQL, S3, SQS, Redis) that could not be reached or
 * answered that it is unavailable for now, rather than a fault of the request or of the service's
 * own code: such a call is answered {@code 503 service-unavailable} with {@code Retry-After}, so that
 * a kiosk knows to try again shortly. The cause chain is searched, since every client wraps the
 * failure of its connection in exceptions of its own.
 */
public final class ServiceOutage {

    private ServiceOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (isOutage(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOutage(Throwable cause) {
        if (cause instanceof SocketException || cause instanceof InterruptedIOException
                || cause instanceof java.net.http.HttpTimeoutException) {
            // refused, reset or timed out: ConnectException and NoRouteToHostException are SocketExceptions;
            // SocketTimeoutException and the HTTP client's pool timeout are InterruptedIOExceptions
            return true;
        }
        if (cause instanceof ApiCallTimeoutException || cause instanceof ApiCallAttemptTimeoutException) {
            // the AWS SDK gave up waiting for an answer
            return true;
        }
        if (cause instanceof SQLTransientConnectionException) {
            // the pool waited its connection-timeout for a connection
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            // class 08: connection exception (but a protocol violation, 08P01); 57P01 to 57P03: the
            // server is shutting down or starting
            String state = sql.getSQLState();
            return state.startsWith("08") && !state.equals("08P01") || state.startsWith("57P");
        }
        return cause instanceof SdkServiceException aws && (aws.statusCode() >= 500 || aws.isThrottlingException());
    }
}
