package io.photobooth.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The formats a kiosk may upload a shot in; a request's format is pinned in its presigned URLs. */
public enum PhotoFormat {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png");

    private final String contentType;
    private final String extension;

    PhotoFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    public static Optional<PhotoFormat> ofContentType(String contentType) {
        return Arrays.stream(values()).filter(format -> format.contentType.equals(contentType)).findFirst();
    }

    public static List<String> contentTypes() {
        return Arrays.stream(values()).map(PhotoFormat::contentType).toList();
    }
}
