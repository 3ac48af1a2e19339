package io.photobooth.proxy.usage;

/**
 * The SQL of {@code GET /api/v1/usage}, run through camel-jdbc ({@code RequestSql.JDBC}) with the
 * headers {@code vendor}, {@code usageSince} and {@code usageUntil} as parameters.
 */
public final class UsageSql {

    /**
     * The vendor's requests made from {@code usageSince} up to (not including) {@code usageUntil}
     * (ISO-8601 instants), grouped by the UTC day of their {@code created_at} and their concept, in
     * that order: the requests, their paid shots, the shots converted, the requests by outcome
     * ({@code pending}: not yet final), the model's milliseconds on their shots, and the requests
     * with a refund reason. Reads the index {@code conversion_request_vendor_created}, and each
     * request's shots by their primary key.
     */
    public static final String SELECT_USAGE = """
            select to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD') as day, r.concept,
                   count(*) as requests,
                   sum(r.shots) as shots,
                   sum(s.converted_shots) as converted_shots,
                   count(*) filter (where r.status = 'DONE') as done,
                   count(*) filter (where r.status = 'FAILED') as failed,
                   count(*) filter (where r.status = 'EXPIRED') as expired,
                   count(*) filter (where r.status not in ('DONE', 'FAILED', 'EXPIRED')) as pending,
                   sum(s.gpu_millis) as gpu_millis,
                   count(*) filter (where r.refund_reason is not null) as refund_eligible
            from conversion_request r
            cross join lateral (
              select count(*) filter (where shot.status = 'DONE') as converted_shots,
                     coalesce(sum(shot.gpu_millis), 0) as gpu_millis
              from shot where shot.request_id = r.request_id) s
            where r.vendor = :?vendor
              and r.created_at >= cast(:?usageSince as timestamptz) and r.created_at < cast(:?usageUntil as timestamptz)
            group by 1, 2
            order by 1, 2
            """;

    private UsageSql() {
    }
}
