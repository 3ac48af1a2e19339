package io.photobooth.kiosk;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

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
        if (cause instanceof SocketException || cause instanceof SocketTimeoutException
                || cause instanceof java.net.http.HttpTimeoutException) {
            // refused, reset or timed out: ConnectException and NoRouteToHostException are SocketExceptions
            return true;
        }
        if (cause instanceof SQLTransientConnectionException) {
            // the pool waited its connection-timeout for a connection
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            // class 08: connection exception; 57P01 to 57P03: the server is shutting down or starting
            return sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P");
        }
        return cause instanceof SdkServiceException aws && (aws.statusCode() >= 500 || aws.isThrottlingException());
    }
}
