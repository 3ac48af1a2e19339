package io.photobooth.proxy.callback;

import java.util.Set;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.proxy.ProxyRole;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * On start-up, makes {@code callback_vendor} list exactly the vendors that have a callback in the
 * configuration: the statements that finish a request add a delivery to the outbox for those only.
 * A vendor whose callback is removed gets no new deliveries; those it already has stay PENDING
 * until a callback is configured again.
 */
@Component
@ProxyRole
public class CallbackVendors {

    private final Set<String> vendors;

    public CallbackVendors(JdbcTemplate jdbc, PhotoboothProperties properties) {
        vendors = CallbackConfiguration.callbacks(properties).keySet();
        for (String vendor : vendors) {
            jdbc.update(CallbackSql.INSERT_VENDOR, vendor);
        }
        jdbc.update(CallbackSql.DELETE_OTHER_VENDORS, csv());
    }

    /** The vendors with a callback, comma-separated (the claim statement's parameter). */
    public String csv() {
        return String.join(",", vendors);
    }

    public boolean any() {
        return !vendors.isEmpty();
    }
}
