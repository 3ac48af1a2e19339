package io.photobooth.usage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Writes the {@link Usage} body as the CSV answer ({@code text/csv}, UTF-8, RFC 4180: a header
 * line, one line per row, CRLF line ends, a field quoted where it holds a comma, a quote or a line
 * end, {@code .} as the decimal point), as an attachment named
 * {@code usage-{vendor}-{from}-{to}.csv}. There is no totals line: every line is one day and
 * concept. Like {@code JsonAnswer}, it drops every exchange header first.
 */
public class UsageCsv implements Processor {

    public static final String MEDIA_TYPE = "text/csv";
    public static final String CONTENT_TYPE = MEDIA_TYPE + "; charset=utf-8";
    public static final List<String> COLUMNS = List.of("day", "concept", "requests", "shots", "convertedShots",
            "done", "failed", "expired", "pending", "gpuSeconds", "refundEligible", "refundEligibleShare");

    private static final String CRLF = "\r\n";

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Usage usage = message.getBody(Usage.class);
        message.removeHeaders("*");
        message.setBody(csv(usage).getBytes(StandardCharsets.UTF_8));
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        message.setHeader("Content-Disposition", "attachment; filename=\"" + filename(usage) + "\"");
    }

    static String csv(Usage usage) {
        StringBuilder csv = new StringBuilder(line(COLUMNS.stream()));
        for (UsageRow row : usage.rows()) {
            UsageCounts counts = row.counts();
            csv.append(line(Stream.of(row.day(), row.concept(), counts.requests(), counts.shots(),
                    counts.convertedShots(), counts.done(), counts.failed(), counts.expired(), counts.pending(),
                    counts.gpuSeconds().toPlainString(), counts.refundEligible(),
                    counts.refundEligibleShare().toPlainString())));
        }
        return csv.toString();
    }

    /** {@code usage-{vendor}-{from}-{to}.csv}, any character of the vendor's name outside {@code [A-Za-z0-9._-]} as {@code _}. */
    static String filename(Usage usage) {
        return "usage-" + usage.vendor().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + usage.from() + "-" + usage.to()
                + ".csv";
    }

    private static String line(Stream<?> fields) {
        return fields.map(String::valueOf).map(UsageCsv::field).collect(Collectors.joining(",", "", CRLF));
    }

    /** A field as RFC 4180 writes it: quoted, with its quotes doubled, where it holds a comma, a quote or a line end. */
    static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\r") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
