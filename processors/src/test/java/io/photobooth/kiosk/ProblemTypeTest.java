package io.photobooth.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    @Test
    void shouldFormUrnFromLowerCaseDashedName() {
        assertThat(ProblemType.UNKNOWN_CONCEPT.uri()).isEqualTo("urn:photobooth:problem:unknown-concept");
        assertThat(ProblemType.UNAUTHORIZED.uri()).isEqualTo("urn:photobooth:problem:unauthorized");
        assertThat(ProblemType.IDEMPOTENCY_KEY_REUSED.uri())
                .isEqualTo("urn:photobooth:problem:idempotency-key-reused");
    }

    @Test
    void shouldGiveEachTypeItsHttpStatus() {
        assertThat(ProblemType.UNAUTHORIZED.status()).isEqualTo(401);
        assertThat(ProblemType.MALFORMED_REQUEST.status()).isEqualTo(400);
        assertThat(ProblemType.UNKNOWN_CONCEPT.status()).isEqualTo(400);
        assertThat(ProblemType.INVALID_SHOTS.status()).isEqualTo(400);
        assertThat(ProblemType.UNKNOWN_REQUEST.status()).isEqualTo(404);
        assertThat(ProblemType.UPLOADS_MISSING.status()).isEqualTo(409);
        assertThat(ProblemType.UPLOADS_CLOSED.status()).isEqualTo(409);
        assertThat(ProblemType.IDEMPOTENCY_KEY_REUSED.status()).isEqualTo(422);
        assertThat(ProblemType.PAYLOAD_TOO_LARGE.status()).isEqualTo(413);
        assertThat(ProblemType.RATE_LIMITED.status()).isEqualTo(429);
        assertThat(ProblemType.UNSUPPORTED_MEDIA_TYPE.status()).isEqualTo(415);
        assertThat(ProblemType.INTERNAL_ERROR.status()).isEqualTo(500);
        assertThat(ProblemType.RESULTS_NOT_READY.status()).isEqualTo(409);
        assertThat(ProblemType.INVALID_SHARE_LINK.status()).isEqualTo(404);
        assertThat(ProblemType.SHARE_LINK_EXPIRED.status()).isEqualTo(410);
        assertThat(ProblemType.INVALID_USAGE_RANGE.status()).isEqualTo(400);
        assertThat(ProblemType.INVALID_USAGE_FORMAT.status()).isEqualTo(400);
    }

    @Test
    void shouldHaveDistinctUrisAndTitles() {
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::uri)).doesNotHaveDuplicates()
                .allMatch(uri -> uri.matches("urn:photobooth:problem:[a-z]+(-[a-z]+)*"));
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::title)).doesNotHaveDuplicates()
                .allMatch(title -> !title.isBlank());
    }
}
