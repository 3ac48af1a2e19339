package io.photobooth.kiosk;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Request identifiers: random UUIDs, accepted back from a kiosk only in their canonical form. */
public final class RequestIds {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private RequestIds() {
    }

    public static String next() {
        return UUID.randomUUID().toString();
    }

    /** The UUID of a canonical lower-case id, or empty for anything else. */
    public static Optional<UUID> parse(String requestId) {
        if (requestId == null || !CANONICAL.matcher(requestId).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(requestId));
    }
}
