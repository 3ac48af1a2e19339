package io.photobooth.kiosk;

import io.photobooth.catalogue.PhotoboothProperties;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Resolves the vendor from the {@code X-Api-Key} header, or refuses the request with
 * {@link ProblemType#UNAUTHORIZED}. Clears every server-set header first, so that nothing a kiosk
 * sends (a query parameter or header named {@code vendor}, say) can pose as one.
 */
public class VendorAuthenticator implements Processor {

    private final PhotoboothProperties properties;

    public VendorAuthenticator(PhotoboothProperties properties) {
        this.properties = properties;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        for (String header : KioskHeaders.SERVER_SET) {
            in.removeHeader(header);
        }
        String apiKey = in.getHeader(KioskHeaders.API_KEY, String.class);
        in.removeHeader(KioskHeaders.API_KEY);
        String vendor = properties.vendorByApiKey(apiKey)
                .orElseThrow(() -> new ApiProblem(ProblemType.UNAUTHORIZED,
                        apiKey == null ? "The X-Api-Key header is required." : "The API key is not known."));
        in.setHeader(KioskHeaders.VENDOR, vendor);
    }
}
