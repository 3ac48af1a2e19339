package io.photobooth.kiosk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * API keys are kept only as SHA-256 hashes (lower-case hex), in the configuration and in the
 * database. Keys are long random tokens, so a fast unsalted hash is enough to make a leaked
 * configuration or table useless for calling the API. Hash a key with
 * {@code printf '%s' "$KEY" | sha256sum}.
 */
public final class ApiKeys {

    /** The shape of a stored key hash. */
    public static final String HASH_PATTERN = "[0-9a-f]{64}";

    private ApiKeys() {
    }

    public static String hash(String apiKey) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Compares two hashes in time independent of where they differ. */
    public static boolean sameHash(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }

    /** Where keys that are not in the configuration are looked up (the database in production). */
    @FunctionalInterface
    public interface Store {

        /** The vendor that owns the unrevoked key with this hash, if any. */
        Optional<String> vendorOf(String keyHash);
    }
}
