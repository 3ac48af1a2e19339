package io.photobooth.kiosk;

import io.photobooth.contract.ObjectKeys;
import io.photobooth.contract.PhotoFormat;

import org.apache.camel.Message;

/** A kiosk request as the proxy routes carry it in headers, once authenticated and validated. */
public record KioskRequest(String requestId, String vendor, String concept, int shots, PhotoFormat format) {

    public static KioskRequest of(Message message) {
        Integer shots = message.getHeader(KioskHeaders.SHOTS, Integer.class);
        if (shots == null) {
            throw new IllegalStateException("the " + KioskHeaders.SHOTS + " header is not set");
        }
        String contentType = message.getHeader(KioskHeaders.PHOTO_CONTENT_TYPE, String.class);
        PhotoFormat format = PhotoFormat.ofContentType(contentType)
                .orElseThrow(() -> new IllegalStateException("no photo format for content type " + contentType));
        return new KioskRequest(message.getHeader(KioskHeaders.REQUEST_ID, String.class),
                message.getHeader(KioskHeaders.VENDOR, String.class),
                message.getHeader(KioskHeaders.CONCEPT, String.class),
                shots, format);
    }

    /** The S3 key of one shot's upload. */
    public String uploadKey(String env, int shot) {
        return ObjectKeys.upload(env, vendor, requestId, shot, format);
    }
}
