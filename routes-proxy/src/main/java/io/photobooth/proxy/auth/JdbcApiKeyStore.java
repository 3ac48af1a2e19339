package io.photobooth.proxy.auth;

import java.util.Optional;

import io.photobooth.kiosk.ApiKeys;
import io.photobooth.proxy.ProxyRole;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * API keys kept in the {@code vendor_api_key} table, by hash: how the {@code aws} profile adds and
 * revokes kiosk keys without a redeploy. A revoked key stops working at once on every proxy.
 */
@Component("apiKeyStore")
@ProxyRole
public class JdbcApiKeyStore implements ApiKeys.Store {

    private final JdbcTemplate jdbc;

    public JdbcApiKeyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> vendorOf(String keyHash) {
        return jdbc.query("select vendor from vendor_api_key where key_hash = ? and revoked_at is null",
                (row, number) -> row.getString(1), keyHash).stream().findFirst();
    }
}
