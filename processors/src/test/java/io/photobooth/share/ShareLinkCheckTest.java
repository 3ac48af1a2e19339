package io.photobooth.share;

import static io.photobooth.support.TestCatalogue.CLOCK;
import static io.photobooth.support.TestCatalogue.SHARE_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import io.photobooth.kiosk.ApiProblem;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.kiosk.ProblemType;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class ShareLinkCheckTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private final ShareTokens tokens = new ShareTokens(SHARE_SECRET, Duration.ofMinutes(10), CLOCK);

    private Exchange check(String token) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(ShareLinkCheck.TOKEN, token);
        exchange.getMessage().setHeader("vendor", "globex");
        exchange.getMessage().setHeader("Accept", "text/html");
        exchange.getMessage().setHeader(Exchange.HTTP_URI, "/s/" + token);
        new ShareLinkCheck(tokens).process(exchange);
        return exchange;
    }

    @Test
    void shouldTurnAValidTokenIntoItsRequestIdAndDropOtherInboundHeaders() {
        Exchange exchange = check(tokens.mint(ID).token());

        assertThat(exchange.getMessage().getHeaders()).containsEntry(KioskHeaders.REQUEST_ID, ID)
                .containsEntry("Accept", "text/html").containsKey(Exchange.HTTP_URI)
                .doesNotContainKeys("vendor", ShareLinkCheck.TOKEN);
    }

    @Test
    void shouldRefuseAForgedToken() {
        assertThat(catchThrowableOfType(ApiProblem.class, () -> check("A".repeat(44))).type())
                .isEqualTo(ProblemType.INVALID_SHARE_LINK);
    }
}
