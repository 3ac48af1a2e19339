package io.photobooth.kiosk;

/**
 * The stable problem types of the kiosk API (documented in {@code docs/api.md}). A kiosk branches
 * on {@link #uri()}, never on the human-readable detail.
 */
public enum ProblemType {
    UNAUTHORIZED(401, "Missing or unknown API key"),
    MALFORMED_REQUEST(400, "Malformed request body"),
    UNKNOWN_CONCEPT(400, "Unknown concept"),
    INVALID_SHOTS(400, "Invalid number of shots"),
    INVALID_DEADLINE(400, "Invalid deadline"),
    UNKNOWN_REQUEST(404, "Unknown request"),
    UPLOADS_MISSING(409, "Uploads missing"),
    UPLOADS_CLOSED(409, "Uploads are closed"),
    UNSUPPORTED_PHOTO_FORMAT(400, "Unsupported photo format"),
    INVALID_IDEMPOTENCY_KEY(400, "Invalid Idempotency-Key"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency-Key reused for another request"),
    RESULTS_NOT_READY(409, "No results to share yet"),
    INVALID_SHARE_LINK(404, "Unknown share link"),
    SHARE_LINK_EXPIRED(410, "Share link expired"),
    INVALID_USAGE_RANGE(400, "Invalid usage range"),
    INVALID_USAGE_FORMAT(400, "Invalid usage format"),
    NOT_FOUND(404, "No such resource"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    PAYLOAD_TOO_LARGE(413, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error"),
    SERVICE_UNAVAILABLE(503, "Service unavailable");

    private static final String PREFIX = "urn:photobooth:problem:";

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return PREFIX + name().toLowerCase().replace('_', '-');
    }
}
