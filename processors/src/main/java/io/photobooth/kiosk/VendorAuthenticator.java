package io.photobooth.kiosk;

import io.photobooth.catalogue.PhotoboothProperties;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Resolves the vendor from the {@code X-Api-Key} header, by the key's hash, first in the
 * configuration, then in the {@link ApiKeys.Store}; or refuses the request with
 * {@link ProblemType#UNAUTHORIZED}. Clears every server-set header first, so that nothing a kiosk
 * sends (a query parameter or header named {@code vendor}, say) can pose as one. The key's hash is
 * kept in the {@link #API_KEY_HASH} property (for rate limiting); the key itself is dropped.
 */
public class VendorAuthenticator implements Processor {

    public static final String API_KEY_HASH = "photoboothApiKeyHash";

    private final PhotoboothProperties properties;
    private final ApiKeys.Store store;

    public VendorAuthenticator(PhotoboothProperties properties, ApiKeys.Store store) {
        this.properties = properties;
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        for (String header : KioskHeaders.SERVER_SET) {
            in.removeHeader(header);
        }
        String apiKey = in.getHeader(KioskHeaders.API_KEY, String.class);
        in.removeHeader(KioskHeaders.API_KEY);
        if (apiKey == null || apiKey.isBlank()) {
            throw new ApiProblem(ProblemType.UNAUTHORIZED, "The X-Api-Key header is required.");
        }
        String keyHash = ApiKeys.hash(apiKey);
        String vendor = properties.vendorByApiKeyHash(keyHash)
                .or(() -> store.vendorOf(keyHash).filter(properties.vendors()::containsKey))
                .orElseThrow(() -> new ApiProblem(ProblemType.UNAUTHORIZED, "The API key is not known."));
        exchange.setProperty(API_KEY_HASH, keyHash);
        in.setHeader(KioskHeaders.VENDOR, vendor);
    }
}
