package io.photobooth.callback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.photobooth.catalogue.PhotoboothProperties.Callback;
import io.photobooth.kiosk.JsonAnswer;
import io.photobooth.kiosk.KioskHeaders;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Signs one attempt of a callback: for the vendor's configured callback, sets the URL to POST to and
 * the headers its receiver checks: {@code Photobooth-Event-Id}, {@code Photobooth-Timestamp} (this
 * attempt's time in unix seconds) and {@code Photobooth-Signature: v1=<hex>}, the lowercase hex
 * HMAC-SHA256, keyed with the UTF-8 bytes of the vendor's secret, of the timestamp, a dot and the
 * body's bytes. The timestamp is signed with the body, so a receiver that refuses old timestamps
 * refuses a replayed POST. Also records when the attempt started, for its duration.
 */
public class CallbackSigner implements Processor {

    public static final String VERSION = "v1";
    private static final String HMAC = "HmacSHA256";

    private final Map<String, Callback> callbacks;
    private final Clock clock;

    /** @param callbacks the callback of each vendor that has one */
    public CallbackSigner(Map<String, Callback> callbacks, Clock clock) {
        this.callbacks = new TreeMap<>(callbacks);
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String vendor = in.getHeader(KioskHeaders.VENDOR, String.class);
        Callback callback = callbacks.get(vendor);
        if (callback == null) {
            throw new IllegalStateException("vendor " + vendor + " has no callback");
        }
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        in.setHeader(CallbackHeaders.STARTED_AT, now.toEpochMilli());
        in.setHeader(CallbackHeaders.EVENT_ID_HTTP, in.getHeader(CallbackHeaders.EVENT_ID, String.class));
        in.setHeader(CallbackHeaders.TIMESTAMP_HTTP, Long.toString(timestamp));
        in.setHeader(CallbackHeaders.SIGNATURE_HTTP, signature(callback.secret(), timestamp, in.getBody(byte[].class)));
        in.setHeader(Exchange.CONTENT_TYPE, JsonAnswer.JSON);
        in.setHeader(Exchange.HTTP_URI, callback.url().toString());
    }

    /** {@code v1=} and the lowercase hex HMAC-SHA256 under {@code secret} of {@code timestamp + "." + body}. */
    public static String signature(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
