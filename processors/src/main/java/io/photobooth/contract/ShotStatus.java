package io.photobooth.contract;

/** The life of a request and of each of its shots, as stored in PostgreSQL. */
public enum ShotStatus {
    PRE_REQUESTED,
    UPLOADED,
    QUEUED,
    DONE,
    FAILED,
    EXPIRED
}
