package io.photobooth.proxy.share;

/** The SQL of the customer's download page, run through camel-jdbc like {@code RequestSql}. */
public final class ShareSql {

    /**
     * The request a download link's token names, whichever vendor's it is (the token, signed by
     * the proxies, is the authorisation), with its vendor for the result keys; one row per shot.
     */
    public static final String SELECT_SHARED_REQUEST = """
            select r.request_id, r.vendor, s.shot, s.status as shot_status
            from conversion_request r join shot s on s.request_id = r.request_id
            where r.request_id = cast(:?requestId as uuid)
            order by s.shot
            """;

    private ShareSql() {
    }
}
