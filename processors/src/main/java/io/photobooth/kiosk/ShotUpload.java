package io.photobooth.kiosk;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import io.photobooth.contract.ShotStatus;
import io.photobooth.storage.ObjectPresigner;
import io.photobooth.storage.PresignedUrl;

/** Where and how the kiosk uploads one shot. */
public record ShotUpload(int shot, String url, String method, Map<String, String> headers, Instant expiresAt) {

    static ShotUpload of(int shot, PresignedUrl url) {
        return new ShotUpload(shot, url.url(), url.method(), url.headers(), url.expiresAt());
    }

    /** The statuses in which a request's uploads may still be written. */
    static final Set<ShotStatus> OPEN = Set.of(ShotStatus.PRE_REQUESTED, ShotStatus.UPLOADED);

    /** A fresh presigned PUT for every shot of the request, in its photo format. */
    static List<ShotUpload> presignAll(ObjectPresigner presigner, String env, KioskRequest request) {
        return IntStream.rangeClosed(1, request.shots())
                .mapToObj(shot -> of(shot, presigner.upload(request.uploadKey(env, shot), request.format().contentType())))
                .toList();
    }
}
