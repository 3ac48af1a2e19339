package io.photobooth.conversion;

import static io.photobooth.conversion.CompletionAnnouncerTest.ID;
import static io.photobooth.conversion.CompletionAnnouncerTest.JOB;
import static io.photobooth.conversion.CompletionAnnouncerTest.STARTED;
import static io.photobooth.support.TestCatalogue.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.photobooth.contract.Channels;
import io.photobooth.contract.CompletionEvent;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** Reads what {@link CompletionAnnouncer} publishes, as Redis delivers it: the message as body. */
class CompletionReaderTest {

    @Test
    void shouldReadBackAnnouncedEvent() throws Exception {
        Exchange published = CompletionAnnouncerTest.announced();
        Exchange received = TestCatalogue.exchange();
        received.getMessage().setBody(published.getMessage().getHeader(CompletionAnnouncer.MESSAGE));

        new CompletionReader().process(received);

        CompletionEvent event = received.getMessage().getBody(CompletionEvent.class);
        assertThat(event.requestId()).isEqualTo(ID);
        assertThat(event.outputKey()).isEqualTo(JOB.outputKey());
        assertThat(received.getMessage().getHeader(KioskHeaders.REQUEST_ID)).isEqualTo(ID);
        assertThat(published.getMessage().getHeader(CompletionAnnouncer.CHANNEL))
                .isEqualTo(Channels.completion("test", received.getMessage().getHeader(KioskHeaders.REQUEST_ID,
                        String.class)));
        assertThat(received.getMessage().getHeader(KioskHeaders.SHOT)).isEqualTo(2);
        assertThat(received.getMessage().getHeader(KioskHeaders.SHOTS)).isEqualTo(3);
        assertThat(received.getMessage().getHeader(CompletionReader.SHOT_STATUS)).isEqualTo("DONE");
        assertThat(received.getMessage().getHeader(CompletionReader.GENERATOR)).isEqualTo("gen-7");
        assertThat(received.getMessage().getHeader(CompletionReader.ERROR)).isNull();
        assertThat(received.getMessage().getHeader(CompletionReader.STARTED_AT)).isEqualTo(Timestamp.from(STARTED));
        assertThat(received.getMessage().getHeader(CompletionReader.FINISHED_AT)).isEqualTo(Timestamp.from(NOW));
    }

    @Test
    void shouldReadFailedEventWithoutTimes() throws Exception {
        Exchange received = TestCatalogue.exchange();
        received.getMessage().setBody("{\"version\":1,\"requestId\":\"" + ID + "\",\"shot\":1,\"shots\":2,"
                + "\"status\":\"FAILED\",\"error\":\"out of memory\",\"generator\":\"gen-2\"}");

        new CompletionReader().process(received);

        assertThat(received.getMessage().getHeader(CompletionReader.SHOT_STATUS)).isEqualTo("FAILED");
        assertThat(received.getMessage().getHeader(CompletionReader.ERROR)).isEqualTo("out of memory");
        assertThat(received.getMessage().getHeader(CompletionReader.REASON)).as("a version 1 failure: the generator's")
                .isEqualTo("GENERATOR_FAILED");
        assertThat(received.getMessage().getHeader(CompletionReader.ACTOR)).isEqualTo("generator:gen-2");
        assertThat(received.getMessage().getHeader(CompletionReader.STARTED_AT)).isNull();
        assertThat(received.getMessage().getHeader(CompletionReader.FINISHED_AT)).isNull();
        assertThat(received.getMessage().getHeader(KioskHeaders.SHOTS)).isEqualTo(2);
    }

    @Test
    void shouldReadBackAnnouncedProcessingNoticeWithItsStartOnly() throws Exception {
        Exchange received = TestCatalogue.exchange();
        received.getMessage().setBody(ProcessingAnnouncerTest.announced().getMessage()
                .getHeader(CompletionAnnouncer.MESSAGE));

        new CompletionReader().process(received);

        assertThat(received.getMessage().getHeader(CompletionReader.SHOT_STATUS)).isEqualTo("PROCESSING");
        assertThat(received.getMessage().getHeader(KioskHeaders.SHOT)).isEqualTo(2);
        assertThat(received.getMessage().getHeader(CompletionReader.GENERATOR)).isEqualTo("gen-7");
        assertThat(received.getMessage().getHeader(CompletionReader.STARTED_AT)).isEqualTo(Timestamp.from(STARTED));
        assertThat(received.getMessage().getHeader(CompletionReader.FINISHED_AT)).isNull();
    }

    @Test
    void shouldRefuseEventWithUnknownField() {
        Exchange received = TestCatalogue.exchange();
        received.getMessage().setBody("{\"version\":1,\"requestId\":\"" + ID + "\",\"shot\":1,\"shots\":2,"
                + "\"status\":\"DONE\",\"bogus\":1}");

        assertThatThrownBy(() -> new CompletionReader().process(received))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }

    @Test
    void shouldRefuseAnEventOfAnotherVersionBeforeSettingAnyHeader() {
        Exchange received = TestCatalogue.exchange();
        received.getMessage().setBody("{\"version\":3,\"requestId\":\"" + ID + "\",\"shot\":1,\"shots\":2,"
                + "\"status\":\"DONE\"}");

        assertThatThrownBy(() -> new CompletionReader().process(received))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 3");
        assertThat(received.getMessage().getHeader(KioskHeaders.REQUEST_ID)).isNull();
    }

    @Test
    void shouldRefuseAnEventWhoseRequestIdIsNoRequestIdWithoutQuotingIt() {
        for (String forged : new String[] {"'; drop table shot; --", ID + "\\r\\nINFO forged line", ID.toUpperCase(), ""}) {
            Exchange received = TestCatalogue.exchange();
            received.getMessage().setBody("{\"version\":1,\"requestId\":\"" + forged + "\",\"shot\":1,\"shots\":2,"
                    + "\"status\":\"DONE\"}");

            assertThatThrownBy(() -> new CompletionReader().process(received)).as(forged)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("forged")
                    .hasMessageNotContaining("drop");
            assertThat(received.getMessage().getHeader(KioskHeaders.REQUEST_ID)).isNull();
        }
    }
}
