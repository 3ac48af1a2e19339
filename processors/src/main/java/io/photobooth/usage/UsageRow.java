package io.photobooth.usage;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The usage of one UTC day and concept: the day, the concept, then its {@link UsageCounts} in the same object. */
@JsonPropertyOrder({"day", "concept"})
public record UsageRow(LocalDate day, String concept, @JsonUnwrapped UsageCounts counts) {
}
