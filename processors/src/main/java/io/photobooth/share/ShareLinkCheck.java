package io.photobooth.share;

import io.photobooth.kiosk.KioskHeaders;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads the token of a download link ({@code GET /s/{token}}, path parameter {@link #TOKEN}) and
 * sets the {@code requestId} header to the request it was minted for, or refuses a forged or
 * expired link (see {@link ShareTokens#requestIdOf}). Every other inbound header is dropped.
 */
public class ShareLinkCheck implements Processor {

    public static final String TOKEN = "token";

    private final ShareTokens tokens;

    public ShareLinkCheck(ShareTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String token = in.getHeader(TOKEN, String.class);
        String requestId = tokens.requestIdOf(token);
        in.removeHeaders("*", Exchange.HTTP_URI, Exchange.HTTP_URL, "Accept");
        in.setHeader(KioskHeaders.REQUEST_ID, requestId);
    }
}
