package io.photobooth.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The formats of {@link ObjectKeys}, {@link QueueNames} and {@link Channels}. */
class ContractNamesTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @Test
    void shouldFormUploadKey() {
        assertThat(ObjectKeys.upload("prod", "acme", ID, 3, PhotoFormat.JPEG)).isEqualTo("uploads/prod/acme/" + ID + "/3.jpg");
        assertThat(ObjectKeys.upload("prod", "acme", ID, 3, PhotoFormat.PNG)).isEqualTo("uploads/prod/acme/" + ID + "/3.png");
    }

    @Test
    void shouldFormResultKey() {
        assertThat(ObjectKeys.result("prod", "acme", ID, 1)).isEqualTo("results/prod/acme/" + ID + "/1.jpg");
    }

    @Test
    void shouldFormFailureRecordKeyBesideTheResultUnderTheResultPrefix() {
        assertThat(ObjectKeys.failure("prod", "acme", ID, 2)).isEqualTo("results/prod/acme/" + ID + "/2.failed.json");
        assertThat(ObjectKeys.resultPrefix("prod", "acme", ID)).isEqualTo("results/prod/acme/" + ID + "/");
        assertThat(ObjectKeys.result("prod", "acme", ID, 2)).startsWith(ObjectKeys.resultPrefix("prod", "acme", ID));
    }

    @Test
    void shouldFormJobQueueName() {
        assertThat(QueueNames.jobs("prod", "acme", "sketch")).isEqualTo("prod-acme-sketch");
    }

    @Test
    void shouldFormDeadLetterQueueName() {
        assertThat(QueueNames.deadLetter("prod", "acme", "sketch")).isEqualTo("prod-acme-sketch-dlq");
    }

    @Test
    void shouldFormCompletionChannel() {
        assertThat(Channels.completion("prod", ID)).isEqualTo("photobooth:prod:done:" + ID);
    }

    @Test
    void shouldFormCompletionPatternMatchingEveryChannel() {
        assertThat(Channels.completionPattern("prod")).isEqualTo("photobooth:prod:done:*");
        String asRegex = Channels.completionPattern("prod").replace("*", ".*");
        assertThat(Channels.completion("prod", ID)).matches(asRegex);
        assertThat(Channels.completion("dev", ID)).doesNotMatch(asRegex);
    }
}
