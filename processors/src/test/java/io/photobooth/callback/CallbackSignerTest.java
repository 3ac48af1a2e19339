package io.photobooth.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.photobooth.catalogue.PhotoboothProperties.Callback;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.junit.jupiter.api.Test;

class CallbackSignerTest {

    private static final String SECRET = "a-vendor-secret-of-at-least-32-characters";
    private static final byte[] BODY = "{\"eventId\":7}".getBytes(StandardCharsets.UTF_8);
    /** TestCatalogue.NOW in unix seconds. */
    private static final long NOW_SECONDS = 1741064767L;

    private final CallbackSigner signer = new CallbackSigner(
            Map.of("acme", new Callback(URI.create("https://backoffice.example.com/events"), SECRET)),
            TestCatalogue.CLOCK);

    private static Message attempt(String vendor) {
        Exchange exchange = TestCatalogue.exchange();
        Message in = exchange.getMessage();
        in.setHeader(KioskHeaders.VENDOR, vendor);
        in.setHeader(CallbackHeaders.EVENT_ID, 7L);
        in.setBody(BODY);
        return in;
    }

    @Test
    void signsTheTimestampAndTheBodyWithTheVendorsSecret() throws Exception {
        Message in = attempt("acme");

        signer.process(in.getExchange());

        // computed independently: python3 hmac.new(secret, b'1741064767.{"eventId":7}', sha256)
        assertThat(in.getHeader(CallbackHeaders.SIGNATURE_HTTP))
                .isEqualTo("v1=a430f7a129a03ff2d119a45e3d39c2a76832113306cfe0b03b60ff1250f6b7d4");
        assertThat(in.getHeader(CallbackHeaders.TIMESTAMP_HTTP)).isEqualTo(Long.toString(NOW_SECONDS));
        assertThat(in.getHeader(CallbackHeaders.EVENT_ID_HTTP)).isEqualTo("7");
        assertThat(in.getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(in.getHeader(Exchange.HTTP_URI)).isEqualTo("https://backoffice.example.com/events");
        assertThat(in.getHeader(CallbackHeaders.STARTED_AT)).isEqualTo(TestCatalogue.NOW.toEpochMilli());
        assertThat(in.getBody(byte[].class)).as("the body is sent as signed").isEqualTo(BODY);
    }

    @Test
    void aSignatureCoversEveryByteOfTheBodyAndTheTimestamp() {
        String signed = CallbackSigner.signature(SECRET, NOW_SECONDS, BODY);
        byte[] altered = BODY.clone();
        altered[altered.length - 2] = '8';

        assertThat(CallbackSigner.signature(SECRET, NOW_SECONDS, altered)).isNotEqualTo(signed);
        assertThat(CallbackSigner.signature(SECRET, NOW_SECONDS + 1, BODY)).isNotEqualTo(signed);
        assertThat(CallbackSigner.signature(SECRET + "x", NOW_SECONDS, BODY)).isNotEqualTo(signed);
        assertThat(CallbackSigner.signature(SECRET, NOW_SECONDS, BODY)).as("deterministic").isEqualTo(signed)
                .matches("v1=[0-9a-f]{64}");
    }

    @Test
    void refusesAVendorWithoutACallback() {
        Message in = attempt("globex");

        assertThatThrownBy(() -> signer.process(in.getExchange()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("globex");
        assertThat(in.getHeader(CallbackHeaders.SIGNATURE_HTTP)).isNull();
    }
}
