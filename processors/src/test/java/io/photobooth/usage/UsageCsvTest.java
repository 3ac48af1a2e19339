package io.photobooth.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class UsageCsvTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    private static Usage usage(String vendor, List<UsageRow> rows) {
        return new Usage(vendor, DAY, LocalDate.of(2026, 3, 31), rows, UsageCounts.NONE);
    }

    @Test
    void shouldWriteAHeaderAndOneCrlfLinePerRowWithAPointAsDecimalSeparator() {
        Usage usage = usage("demo", List.of(
                new UsageRow(DAY, "sketch", new UsageCounts(4, 6, 4, 2, 1, 0, 1, new BigDecimal("1.230"), 1)),
                new UsageRow(DAY.plusDays(1), "anime", new UsageCounts(1, 1, 0, 0, 0, 0, 1,
                        BigDecimal.valueOf(0, 3), 0))));

        assertThat(UsageCsv.csv(usage)).isEqualTo(
                "day,concept,requests,shots,convertedShots,done,failed,expired,pending,gpuSeconds,refundEligible,"
                        + "refundEligibleShare\r\n"
                        + "2026-03-01,sketch,4,6,4,2,1,0,1,1.230,1,0.3333\r\n"
                        + "2026-03-02,anime,1,1,0,0,0,0,1,0.000,0,0.0000\r\n");
    }

    @Test
    void shouldWriteOnlyTheHeaderForNoRows() {
        assertThat(UsageCsv.csv(usage("demo", List.of()))).isEqualTo(String.join(",", UsageCsv.COLUMNS) + "\r\n");
    }

    @Test
    void shouldQuoteFieldsAsRfc4180Says() {
        assertThat(UsageCsv.field("sketch")).isEqualTo("sketch");
        assertThat(UsageCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(UsageCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(UsageCsv.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
    }

    @Test
    void shouldAnswerAnAttachmentAndDropEveryInternalHeader() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader("vendor", "demo");
        exchange.getMessage().setHeader(UsageQuery.SINCE, "2026-03-01T00:00:00Z");
        exchange.getMessage().setBody(usage("demo", List.of()));

        new UsageCsv().process(exchange);

        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE,
                Exchange.CONTENT_TYPE, "Content-Disposition");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("text/csv; charset=utf-8");
        assertThat(exchange.getMessage().getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"usage-demo-2026-03-01-2026-03-31.csv\"");
        assertThat(new String(exchange.getMessage().getBody(byte[].class), StandardCharsets.UTF_8))
                .startsWith("day,concept,");
    }

    @Test
    void shouldKeepTheFilenameToSafeCharacters() {
        assertThat(UsageCsv.filename(usage("acme \"kiosks\"/eu", List.of())))
                .isEqualTo("usage-acme__kiosks__eu-2026-03-01-2026-03-31.csv");
    }
}
