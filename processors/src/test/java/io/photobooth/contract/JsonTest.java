package io.photobooth.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import org.junit.jupiter.api.Test;

/** The JSON of {@link ConversionJob} and {@link CompletionEvent} through {@link Json#mapper()}. */
class JsonTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private static final ConversionJob JOB = new ConversionJob(ConversionJob.VERSION, ID, 2, 3, "test", "acme",
            "sketch", ObjectKeys.upload("test", "acme", ID, 2, PhotoFormat.JPEG), ObjectKeys.result("test", "acme", ID, 2),
            Instant.parse("2025-03-04T05:06:07.123Z"), Instant.parse("2025-03-04T05:08:07.123Z"));

    @Test
    void shouldRoundTripConversionJob() throws Exception {
        String json = Json.mapper().writeValueAsString(JOB);

        assertThat(Json.mapper().readValue(json, ConversionJob.class)).isEqualTo(JOB);
    }

    @Test
    void shouldWriteConversionJobInstantAsIsoString() throws Exception {
        JsonNode tree = Json.mapper().readTree(Json.mapper().writeValueAsString(JOB));

        assertThat(tree.get("enqueuedAt").isTextual()).isTrue();
        assertThat(tree.get("enqueuedAt").asText()).isEqualTo("2025-03-04T05:06:07.123Z");
        assertThat(tree.get("version").asInt()).isEqualTo(2);
        assertThat(tree.get("deadline").asText()).isEqualTo("2025-03-04T05:08:07.123Z");
        assertThat(tree.get("inputKey").asText()).isEqualTo("uploads/test/acme/" + ID + "/2.jpg");
    }

    @Test
    void shouldRefuseConversionJobWithUnknownField() throws Exception {
        String json = Json.mapper().writeValueAsString(JOB).replaceFirst("\\{", "{\"priority\":9,");

        assertThatThrownBy(() -> Json.mapper().readValue(json, ConversionJob.class))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("priority");
    }

    @Test
    void shouldRefuseNullForPrimitive() throws Exception {
        String json = Json.mapper().writeValueAsString(JOB).replace("\"shot\":2", "\"shot\":null");

        assertThatThrownBy(() -> Json.mapper().readValue(json, ConversionJob.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void shouldRoundTripCompletionEvent() throws Exception {
        CompletionEvent event = CompletionEvent.done(JOB, "gen-1", Instant.parse("2025-03-04T05:06:08Z"),
                Instant.parse("2025-03-04T05:06:09.5Z"), 812);

        String json = Json.mapper().writeValueAsString(event);

        assertThat(Json.mapper().readValue(json, CompletionEvent.class)).isEqualTo(event);
        JsonNode tree = Json.mapper().readTree(json);
        assertThat(tree.get("startedAt").asText()).isEqualTo("2025-03-04T05:06:08Z");
        assertThat(tree.get("finishedAt").asText()).isEqualTo("2025-03-04T05:06:09.500Z");
        assertThat(tree.get("status").asText()).isEqualTo("DONE");
        assertThat(tree.has("error")).as("null members are left out").isFalse();
    }

    @Test
    void shouldBuildDoneEventFromJob() {
        Instant started = Instant.parse("2025-03-04T05:06:08Z");
        Instant finished = Instant.parse("2025-03-04T05:06:09Z");

        CompletionEvent event = CompletionEvent.done(JOB, "gen-1", started, finished, 640);

        assertThat(event).isEqualTo(new CompletionEvent(2, ID, 2, 3, ConversionStatus.DONE,
                "results/test/acme/" + ID + "/2.jpg", null, "gen-1", started, finished, null, 640L));
    }

    @Test
    void shouldRefuseCompletionEventWithUnknownField() {
        String json = "{\"version\":1,\"requestId\":\"" + ID + "\",\"shot\":1,\"shots\":1,\"status\":\"DONE\","
                + "\"colour\":\"red\"}";

        assertThatThrownBy(() -> Json.mapper().readValue(json, CompletionEvent.class))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("colour");
    }

    @Test
    void shouldRefuseUnknownStatus() {
        String json = "{\"version\":1,\"requestId\":\"" + ID + "\",\"shot\":1,\"shots\":1,\"status\":\"LOST\"}";

        assertThatThrownBy(() -> Json.mapper().readValue(json, CompletionEvent.class))
                .isInstanceOf(MismatchedInputException.class);
    }
}
