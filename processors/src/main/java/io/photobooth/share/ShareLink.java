package io.photobooth.share;

import java.time.Instant;

/**
 * The answer of {@code GET /api/v1/requests/{requestId}/share}: the customer's download link, when
 * it stops working, and its QR code as a PNG data URL for an {@code <img src>}.
 */
public record ShareLink(String requestId, String url, Instant expiresAt, String qrCode) {
}
