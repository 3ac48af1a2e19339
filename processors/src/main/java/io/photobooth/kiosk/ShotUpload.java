package io.photobooth.kiosk;

import java.time.Instant;
import java.util.Map;

import io.photobooth.storage.PresignedUrl;

/** Where and how the kiosk uploads one shot. */
public record ShotUpload(int shot, String url, String method, Map<String, String> headers, Instant expiresAt) {

    static ShotUpload of(int shot, PresignedUrl url) {
        return new ShotUpload(shot, url.url(), url.method(), url.headers(), url.expiresAt());
    }
}
