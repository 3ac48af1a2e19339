package io.photobooth.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdCheckTest {

    private final RequestIdCheck check = new RequestIdCheck();

    private static Exchange withRequestId(String requestId) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.REQUEST_ID, requestId);
        return exchange;
    }

    @Test
    void shouldLetCanonicalIdThrough() {
        String id = RequestIds.next();
        Exchange exchange = withRequestId(id);

        assertThatCode(() -> check.process(exchange)).doesNotThrowAnyException();
        assertThat(exchange.getMessage().getHeader(KioskHeaders.REQUEST_ID)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "%2e%2e", "' OR 1=1 --", "0F8FAD5B-D9CB-469F-A165-70867728950E"})
    void shouldAnswerOtherIdsAsUnknownRequest(String requestId) {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> check.process(withRequestId(requestId)));

        assertThat(problem.type()).isEqualTo(ProblemType.UNKNOWN_REQUEST);
        assertThat(problem.getMessage()).isEqualTo(RequestAnswerer.unknownRequest(requestId).getMessage());
    }

    @Test
    void shouldAnswerMissingIdAsUnknownRequest() {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> check.process(withRequestId(null)));

        assertThat(problem.type()).isEqualTo(ProblemType.UNKNOWN_REQUEST);
    }
}
