package io.photobooth.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SseFramesTest {

    @Test
    void shouldWriteAnEventAsItsIdNameAndDataLinesAndABlankLine() {
        assertThat(SseFrames.event(7, "shot-done", "{\"shot\":1}"))
                .isEqualTo("id: 7\nevent: shot-done\ndata: {\"shot\":1}\n\n");
    }

    @Test
    void shouldWriteEachLineOfTheDataAsADataLine() {
        assertThat(SseFrames.event(8, "note", "first\nsecond\r\nthird"))
                .isEqualTo("id: 8\nevent: note\ndata: first\ndata: second\ndata: third\n\n");
    }

    @Test
    void shouldWriteTheKeepAliveAsAComment() {
        assertThat(SseFrames.KEEP_ALIVE).startsWith(":").endsWith("\n\n");
    }
}
