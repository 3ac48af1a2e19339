package io.photobooth.kiosk;

import org.apache.camel.Message;

/** A kiosk request as the proxy routes carry it in headers, once authenticated and validated. */
public record KioskRequest(String requestId, String vendor, String concept, int shots) {

    public static KioskRequest of(Message message) {
        Integer shots = message.getHeader(KioskHeaders.SHOTS, Integer.class);
        if (shots == null) {
            throw new IllegalStateException("the " + KioskHeaders.SHOTS + " header is not set");
        }
        return new KioskRequest(message.getHeader(KioskHeaders.REQUEST_ID, String.class),
                message.getHeader(KioskHeaders.VENDOR, String.class),
                message.getHeader(KioskHeaders.CONCEPT, String.class),
                shots);
    }
}
