package io.photobooth.share;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.photobooth.kiosk.ApiProblem;
import io.photobooth.kiosk.ProblemType;

/**
 * The tokens of the customer's download links: short, unguessable and short-lived, checked by any
 * proxy without a database row. A token is 33 bytes in URL-safe Base64 (44 characters): a version
 * byte, the request's UUID, its expiry in epoch seconds, and the first 12 bytes of an HMAC-SHA256
 * of those under the shared secret. Forging one means guessing a 96-bit MAC online.
 */
public class ShareTokens {

    /** The shortest secret accepted: 32 characters. */
    public static final int MIN_SECRET_LENGTH = 32;
    static final int TOKEN_CHARS = 44;

    private static final byte VERSION = 1;
    private static final int SIGNED_BYTES = 1 + 16 + 4;
    private static final int MAC_BYTES = 12;
    private static final String HMAC = "HmacSHA256";

    /** A minted token and the instant it stops working. */
    public record Minted(String token, Instant expiresAt) {
    }

    private final SecretKeySpec key;
    private final Duration expiry;
    private final Clock clock;

    public ShareTokens(String secret, Duration expiry, Clock clock) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("photobooth.kiosk.share.secret (PHOTOBOOTH_SHARE_SECRET) must be set to"
                    + " at least " + MIN_SECRET_LENGTH + " characters, the same on every proxy: it signs the"
                    + " customers' download links");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
        this.expiry = expiry;
        this.clock = clock;
    }

    /** A token for the request, valid for the link expiry from now. */
    public Minted mint(String requestId) {
        UUID id = UUID.fromString(requestId);
        Instant expiresAt = clock.instant().plus(expiry).truncatedTo(ChronoUnit.SECONDS);
        ByteBuffer token = ByteBuffer.allocate(SIGNED_BYTES + MAC_BYTES)
                .put(VERSION)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .putInt((int) expiresAt.getEpochSecond());
        token.put(mac(token.array()));
        return new Minted(Base64.getUrlEncoder().withoutPadding().encodeToString(token.array()), expiresAt);
    }

    /**
     * The request id of a token this service minted and that has not expired. A token that is
     * malformed or whose MAC does not match is {@link ProblemType#INVALID_SHARE_LINK}; a genuine
     * one past its expiry is {@link ProblemType#SHARE_LINK_EXPIRED}.
     */
    public String requestIdOf(String token) {
        byte[] bytes = decode(token);
        byte[] signed = Arrays.copyOf(bytes, SIGNED_BYTES);
        byte[] given = Arrays.copyOfRange(bytes, SIGNED_BYTES, bytes.length);
        if (bytes[0] != VERSION || !MessageDigest.isEqual(given, mac(signed))) {
            throw invalid();
        }
        ByteBuffer fields = ByteBuffer.wrap(signed, 1, SIGNED_BYTES - 1);
        UUID id = new UUID(fields.getLong(), fields.getLong());
        Instant expiresAt = Instant.ofEpochSecond(Integer.toUnsignedLong(fields.getInt()));
        if (!clock.instant().isBefore(expiresAt)) {
            throw new ApiProblem(ProblemType.SHARE_LINK_EXPIRED,
                    "This link expired at " + expiresAt + "; ask at the photobooth for a new one.");
        }
        return id.toString();
    }

    private static byte[] decode(String token) {
        if (token == null || token.length() != TOKEN_CHARS || !token.matches("[A-Za-z0-9_-]+")) {
            throw invalid();
        }
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        if (bytes.length != SIGNED_BYTES + MAC_BYTES) {
            throw invalid();
        }
        return bytes;
    }

    private byte[] mac(byte[] bytes) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(bytes, 0, SIGNED_BYTES);
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private static ApiProblem invalid() {
        return new ApiProblem(ProblemType.INVALID_SHARE_LINK, "This is not a download link of this photobooth.");
    }
}
