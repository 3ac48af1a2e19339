package io.photobooth.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.contract.Json;
import io.photobooth.kiosk.ApiProblem;
import io.photobooth.kiosk.ProblemAnswer;
import io.photobooth.kiosk.ProblemType;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class SharePageProblemTest {

    private static final String TOKEN_PATH = "/s/" + "A".repeat(44);

    private static Exchange refuse(String accept, Exception caught) throws Exception {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader("Accept", accept);
        exchange.getMessage().setHeader(Exchange.HTTP_URI, TOKEN_PATH);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, caught);
        new SharePageProblem().process(exchange);
        return exchange;
    }

    private static String text(Exchange exchange) {
        return new String(exchange.getMessage().getBody(byte[].class), StandardCharsets.UTF_8);
    }

    @Test
    void shouldAnswerAPhonesBrowserWithAPageInPlainWordsAndTheProblemsStatus() throws Exception {
        Exchange expired = refuse("text/html,application/xhtml+xml,*/*;q=0.8",
                new ApiProblem(ProblemType.SHARE_LINK_EXPIRED, "This link expired at 2025-03-04T05:16:07Z; ask <again>."));

        assertThat(expired.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(410);
        assertThat(expired.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("text/html;charset=UTF-8");
        assertThat(text(expired)).contains("<h1>This link has expired</h1>").contains("ask &lt;again&gt;.")
                .contains("Ask at the photobooth for a new code.");
        assertThat(text(refuse("text/html", new IllegalStateException("database down"))))
                .contains("Something went wrong").doesNotContain("database down");
    }

    @Test
    void shouldAnswerAPhonesBrowserThatMetAnUnavailableServiceWithATryAgainPageAnd503() throws Exception {
        Exchange unavailable = refuse("text/html", new IllegalStateException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("photobooth - Connection is not available")));

        assertThat(unavailable.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(unavailable.getMessage().getHeader("Retry-After")).isEqualTo(ProblemAnswer.RETRY_AFTER_SECONDS);
        assertThat(text(unavailable)).contains("Please try again in a moment").doesNotContain("JDBC");
    }

    @Test
    void shouldAnswerAnyOtherClientWithTheProblemDocument() throws Exception {
        Exchange forged = refuse(null, new ApiProblem(ProblemType.INVALID_SHARE_LINK, "Not a link."));

        assertThat(forged.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(404);
        assertThat(forged.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/problem+json");
        JsonNode problem = Json.mapper().readTree(forged.getMessage().getBody(byte[].class));
        assertThat(problem.get("type").asText()).isEqualTo("urn:photobooth:problem:invalid-share-link");
        assertThat(problem.get("instance").asText()).isEqualTo(TOKEN_PATH);
    }
}
