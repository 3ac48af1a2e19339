package io.photobooth.share;

import static io.photobooth.support.TestCatalogue.NOW;
import static io.photobooth.support.TestCatalogue.SHARE_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;

import io.photobooth.kiosk.ApiProblem;
import io.photobooth.kiosk.ProblemType;

import org.junit.jupiter.api.Test;

class ShareTokensTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final Duration EXPIRY = Duration.ofMinutes(10);

    private static ShareTokens at(java.time.Instant now) {
        return new ShareTokens(SHARE_SECRET, EXPIRY, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static ProblemType refusal(ShareTokens tokens, String token) {
        return catchThrowableOfType(ApiProblem.class, () -> tokens.requestIdOf(token)).type();
    }

    @Test
    void shouldMintAShortUrlSafeTokenThatGivesBackItsRequestUntilItExpires() {
        ShareTokens.Minted minted = at(NOW).mint(ID);

        assertThat(minted.token()).hasSize(44).matches("[A-Za-z0-9_-]+");
        assertThat(minted.expiresAt()).isEqualTo(NOW.plus(EXPIRY).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(at(NOW).requestIdOf(minted.token())).isEqualTo(ID);
        assertThat(at(minted.expiresAt().minusMillis(1)).requestIdOf(minted.token())).isEqualTo(ID);
        assertThat(refusal(at(minted.expiresAt()), minted.token())).isEqualTo(ProblemType.SHARE_LINK_EXPIRED);
    }

    @Test
    void shouldMintADifferentTokenForEachRequest() {
        assertThat(at(NOW).mint(ID).token()).isNotEqualTo(at(NOW).mint("1f8fad5b-d9cb-469f-a165-70867728950e").token());
    }

    @Test
    void shouldRefuseATokenWithAnyByteChangedOrSignedWithAnotherSecret() {
        String token = at(NOW).mint(ID).token();
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i] ^= 0x01;
            assertThat(refusal(at(NOW), Base64.getUrlEncoder().withoutPadding().encodeToString(changed)))
                    .as("byte %d changed", i).isEqualTo(ProblemType.INVALID_SHARE_LINK);
        }
        ShareTokens other = new ShareTokens("another-secret-of-at-least-32-characters", EXPIRY,
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(refusal(other, token)).isEqualTo(ProblemType.INVALID_SHARE_LINK);
    }

    @Test
    void shouldRefuseAForgedTokenEvenWhenItsExpiryIsPastBeforeSayingExpired() {
        String token = at(NOW).mint(ID).token();
        String forged = token.substring(0, 40) + (token.charAt(40) == 'A' ? "B" : "A") + token.substring(41);

        assertThat(refusal(at(NOW.plus(Duration.ofDays(1))), forged)).isEqualTo(ProblemType.INVALID_SHARE_LINK);
    }

    @Test
    void shouldRefuseMalformedTokens() {
        for (String token : new String[] {null, "", "abc", "A".repeat(43), "A".repeat(45), "+".repeat(44),
            "A".repeat(43) + "="}) {
            assertThat(refusal(at(NOW), token)).as(String.valueOf(token)).isEqualTo(ProblemType.INVALID_SHARE_LINK);
        }
    }

    @Test
    void shouldRefuseToStartWithoutALongEnoughSecret() {
        assertThatThrownBy(() -> new ShareTokens(null, EXPIRY, Clock.systemUTC()))
                .hasMessageContaining("PHOTOBOOTH_SHARE_SECRET");
        assertThatThrownBy(() -> new ShareTokens("short", EXPIRY, Clock.systemUTC()))
                .hasMessageContaining("at least 32 characters");
    }
}
