package io.photobooth.filter;

/**
 * The customer's upload cannot be converted (not an image, corrupt, an unsupported format). Retrying
 * cannot help: the generator reports the shot as failed at once, with this message as the reason.
 */
public class UnusablePhotoException extends IllegalArgumentException {

    public UnusablePhotoException(String message) {
        super(message);
    }

    public UnusablePhotoException(String message, Throwable cause) {
        super(message, cause);
    }
}
