package io.photobooth.usage;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import io.photobooth.kiosk.ApiProblem;
import io.photobooth.kiosk.ProblemType;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads the query of {@code GET /api/v1/usage}: {@code from} and {@code to}, UTC days as
 * {@code YYYY-MM-DD}, both required and inclusive, {@code from <= to}, at most {@link #MAX_DAYS}
 * days; and the answer's {@link UsageFormat}. Anything else is refused with
 * {@link ProblemType#INVALID_USAGE_RANGE} or {@link ProblemType#INVALID_USAGE_FORMAT}. Sets the
 * statement's parameters {@link #SINCE} and {@link #UNTIL} (the range as instants, the end
 * exclusive) and keeps the range and the format in the exchange properties {@link #RANGE} and
 * {@link #FORMAT}. It always sets them, so that a query parameter of the same name cannot pose as
 * one.
 */
public class UsageQuery implements Processor {

    /** The longest range one call may ask for, in days. */
    public static final int MAX_DAYS = 366;
    /** Header: the first instant of {@code from} (UTC), ISO-8601, a statement parameter. */
    public static final String SINCE = "usageSince";
    /** Header: the first instant after {@code to} (UTC), ISO-8601, a statement parameter. */
    public static final String UNTIL = "usageUntil";
    /** Exchange property: the {@link UsageRange} asked for. */
    public static final String RANGE = "photoboothUsageRange";
    /** Exchange property: the {@link UsageFormat} of the answer. */
    public static final String FORMAT = "photoboothUsageFormat";

    private static final Pattern DAY = Pattern.compile("[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}");

    /** The days asked for, both inclusive. */
    public record UsageRange(LocalDate from, LocalDate to) {
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        LocalDate from = day(in, "from");
        LocalDate to = day(in, "to");
        if (to.isBefore(from)) {
            throw invalidRange("'from' (" + from + ") must not be after 'to' (" + to + ").");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) {
            throw invalidRange("The range may cover at most " + MAX_DAYS + " days; " + from + " to " + to
                    + " covers " + days + ".");
        }
        UsageFormat format = format(in);
        in.setHeader(SINCE, from.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        in.setHeader(UNTIL, to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        exchange.setProperty(RANGE, new UsageRange(from, to));
        exchange.setProperty(FORMAT, format);
    }

    private static LocalDate day(Message in, String name) {
        Object value = in.getHeader(name);
        if (value == null || value instanceof String text && text.isEmpty()) {
            throw invalidRange("The query parameter '" + name + "' is required: a UTC day as YYYY-MM-DD.");
        }
        if (!(value instanceof String text) || !DAY.matcher(text).matches()) {
            throw invalidRange("The query parameter '" + name + "' must be one UTC day as YYYY-MM-DD.");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw invalidRange("The query parameter '" + name + "' is no calendar day: " + text + ".");
        }
    }

    private static UsageFormat format(Message in) {
        Object format = in.getHeader("format");
        if (format == null) {
            return UsageFormat.accepted(accept(in.getHeader("Accept")));
        }
        return switch (String.valueOf(format)) {
            case "json" -> UsageFormat.JSON;
            case "csv" -> UsageFormat.CSV;
            default -> throw new ApiProblem(ProblemType.INVALID_USAGE_FORMAT,
                    "The query parameter 'format' may be 'json' or 'csv'; without it, the Accept header decides.",
                    Map.of("formats", List.of("json", "csv")));
        };
    }

    /** The Accept header; several are read as one list. */
    private static String accept(Object header) {
        return switch (header) {
            case null -> null;
            case Iterable<?> values -> String.join(",",
                    StreamSupport.stream(values.spliterator(), false).map(String::valueOf).toList());
            default -> String.valueOf(header);
        };
    }

    private static ApiProblem invalidRange(String detail) {
        return new ApiProblem(ProblemType.INVALID_USAGE_RANGE, detail, Map.of("maxDays", MAX_DAYS));
    }
}
