package io.photobooth.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;

import io.photobooth.kiosk.ApiProblem;
import io.photobooth.kiosk.ProblemType;
import io.photobooth.support.TestCatalogue;
import io.photobooth.usage.UsageQuery.UsageRange;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UsageQueryTest {

    private final UsageQuery query = new UsageQuery();

    private static Exchange asking(Object from, Object to) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader("from", from);
        exchange.getMessage().setHeader("to", to);
        return exchange;
    }

    private ApiProblem refusal(Exchange exchange) {
        return catchThrowableOfType(ApiProblem.class, () -> query.process(exchange));
    }

    @Test
    void shouldReadTheDaysAsUtcInstantsWithTheEndExclusive() {
        Exchange exchange = asking("2026-03-01", "2026-03-31");

        query.process(exchange);

        assertThat(exchange.getMessage().getHeader(UsageQuery.SINCE)).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(exchange.getMessage().getHeader(UsageQuery.UNTIL)).isEqualTo("2026-04-01T00:00:00Z");
        assertThat(exchange.getProperty(UsageQuery.RANGE))
                .isEqualTo(new UsageRange(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)));
        assertThat(exchange.getProperty(UsageQuery.FORMAT)).isEqualTo(UsageFormat.JSON);
    }

    @Test
    void shouldTakeOneDayAndUpTo366Days() {
        Exchange oneDay = asking("2026-03-01", "2026-03-01");
        Exchange leapYear = asking("2028-01-01", "2028-12-31");
        Exchange longest = asking("2026-01-01", "2027-01-01");

        query.process(oneDay);
        query.process(leapYear);
        query.process(longest);

        assertThat(oneDay.getMessage().getHeader(UsageQuery.UNTIL)).isEqualTo("2026-03-02T00:00:00Z");
        assertThat(leapYear.getMessage().getHeader(UsageQuery.UNTIL)).isEqualTo("2029-01-01T00:00:00Z");
        assertThat(longest.getMessage().getHeader(UsageQuery.UNTIL)).isEqualTo("2027-01-02T00:00:00Z");
    }

    @Test
    void shouldOverwriteStatementParametersAKioskSent() {
        Exchange exchange = asking("2026-03-01", "2026-03-02");
        exchange.getMessage().setHeader(UsageQuery.SINCE, "1970-01-01T00:00:00Z");

        query.process(exchange);

        assertThat(exchange.getMessage().getHeader(UsageQuery.SINCE)).isEqualTo("2026-03-01T00:00:00Z");
    }

    @ParameterizedTest(name = "from={0} to={1}")
    @CsvSource(nullValues = "NONE", value = {
        "NONE,       2026-03-01",
        "2026-03-01, NONE",
        "'',         2026-03-01",
        "2026-3-1,   2026-03-01",
        "2026-03-01, 2026-03-01T00:00:00Z",
        "2026-02-30, 2026-03-01",
        "0000-01-01, 0000-01-02",
        "+12026-01-01, 2026-03-01",
        "yesterday,  2026-03-01",
        "2026-03-02, 2026-03-01",
        "2026-01-01, 2027-01-02",
        "2025-01-01, 2026-12-31",
    })
    void shouldRefuseAnythingButAnOrderedRangeOfAtMost366Days(String from, String to) {
        ApiProblem problem = refusal(asking(from, to));

        assertThat(problem.type()).isEqualTo(ProblemType.INVALID_USAGE_RANGE);
        assertThat(problem.getMessage()).isNotBlank();
        assertThat(problem.extensions()).containsEntry("maxDays", 366);
    }

    @Test
    void shouldSayWhichParameterIsMissingAndWhyARangeIsTooLong() {
        assertThat(refusal(asking(null, "2026-03-01")).getMessage())
                .isEqualTo("The query parameter 'from' is required: a UTC day as YYYY-MM-DD.");
        assertThat(refusal(asking("2026-01-01", "2027-01-02")).getMessage())
                .isEqualTo("The range may cover at most 366 days; 2026-01-01 to 2027-01-02 covers 367.");
    }

    @Test
    void shouldRefuseARepeatedParameter() {
        ApiProblem problem = refusal(asking(List.of("2026-03-01", "2026-03-02"), "2026-03-03"));

        assertThat(problem.type()).isEqualTo(ProblemType.INVALID_USAGE_RANGE);
        assertThat(problem.getMessage()).isEqualTo("The query parameter 'from' must be one UTC day as YYYY-MM-DD.");
    }

    @ParameterizedTest(name = "format={0} Accept={1} -> {2}")
    @CsvSource(nullValues = "NONE", value = {
        "csv,  NONE,             CSV",
        "json, NONE,             JSON",
        "json, text/csv,         JSON",
        "csv,  application/json, CSV",
        "NONE, text/csv,         CSV",
        "NONE, NONE,             JSON",
    })
    void shouldTakeTheFormatParameterOverTheAcceptHeader(String format, String accept, UsageFormat expected) {
        Exchange exchange = asking("2026-03-01", "2026-03-01");
        exchange.getMessage().setHeader("format", format);
        exchange.getMessage().setHeader("Accept", accept);

        query.process(exchange);

        assertThat(exchange.getProperty(UsageQuery.FORMAT)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "CSV", "xml", "text/csv"})
    void shouldRefuseAnyOtherFormat(String format) {
        Exchange exchange = asking("2026-03-01", "2026-03-01");
        exchange.getMessage().setHeader("format", format);

        ApiProblem problem = refusal(exchange);

        assertThat(problem.type()).isEqualTo(ProblemType.INVALID_USAGE_FORMAT);
        assertThat(problem.extensions()).containsEntry("formats", List.of("json", "csv"));
    }
}
