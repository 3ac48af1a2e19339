package io.photobooth.storage;

import java.time.Instant;
import java.util.Map;

/** A presigned S3 URL and what the kiosk must send with it. */
public record PresignedUrl(String url, String method, Map<String, String> headers, Instant expiresAt) {
}
