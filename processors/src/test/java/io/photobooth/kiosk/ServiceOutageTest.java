package io.photobooth.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.SqsException;

class ServiceOutageTest {

    @Test
    void aConnectionRefusedResetOrTimedOutUnderAnyWrapperIsAnOutage() {
        assertThat(ServiceOutage.causedBy(SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused")))).isTrue();
        assertThat(ServiceOutage.causedBy(new IllegalStateException("send failed",
                new UncheckedIOException(new SocketException("Connection reset"))))).isTrue();
        assertThat(ServiceOutage.causedBy(new RuntimeException(new SocketTimeoutException("Read timed out")))).isTrue();
        assertThat(ServiceOutage.causedBy(ApiCallTimeoutException.create(30_000))).isTrue();
        assertThat(ServiceOutage.causedBy(new RuntimeException(new InterruptedIOException(
                "Timeout waiting for connection from pool")))).isTrue();
    }

    @Test
    void aDatabaseThatCannotBeReachedOrIsShuttingDownIsAnOutage() {
        assertThat(ServiceOutage.causedBy(new SQLTransientConnectionException(
                "photobooth - Connection is not available, request timed out after 5000ms"))).isTrue();
        assertThat(ServiceOutage.causedBy(new RuntimeException(
                new SQLException("Connection to localhost:5432 refused", "08001")))).isTrue();
        assertThat(ServiceOutage.causedBy(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
    }

    @Test
    void anAwsServiceErrorOrThrottlingIsAnOutageButAClientErrorIsNot() {
        assertThat(ServiceOutage.causedBy(S3Exception.builder().statusCode(503).message("Slow Down").build())).isTrue();
        assertThat(ServiceOutage.causedBy(SqsException.builder().statusCode(500).message("InternalError").build()))
                .isTrue();
        assertThat(ServiceOutage.causedBy(NoSuchKeyException.builder().statusCode(404).message("no key").build()))
                .isFalse();
        assertThat(ServiceOutage.causedBy(S3Exception.builder().statusCode(403).message("Access Denied").build()))
                .isFalse();
    }

    @Test
    void aStatementThatFailsOrAFaultOfTheCodeIsNoOutage() {
        assertThat(ServiceOutage.causedBy(new SQLException("syntax error at or near \"selec\"", "42601"))).isFalse();
        assertThat(ServiceOutage.causedBy(new SQLException("protocol violation", "08P01"))).isFalse();
        assertThat(ServiceOutage.causedBy(new SQLException("no state"))).isFalse();
        assertThat(ServiceOutage.causedBy(new IllegalStateException("a bug"))).isFalse();
        assertThat(ServiceOutage.causedBy(null)).isFalse();
    }
}
