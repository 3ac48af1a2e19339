package io.photobooth.storage;

import software.amazon.awssdk.services.s3.model.S3Object;

/** What counts as stored in a listing: an empty object (an aborted upload, say) does not. */
public final class StoredObjects {

    private StoredObjects() {
    }

    public static boolean hasContent(S3Object object) {
        return object.size() != null && object.size() > 0;
    }
}
