package io.photobooth.share;

import java.net.URI;
import java.util.Map;

import io.photobooth.contract.ShotStatus;
import io.photobooth.kiosk.ApiProblem;
import io.photobooth.kiosk.ProblemType;
import io.photobooth.kiosk.RequestAnswer;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Makes the customer's download link of a request (the body, a {@link RequestAnswer} of the
 * caller's vendor): {@code {base}/s/{token}}, where the base is the configured public URL or else
 * the scheme, host and port the kiosk called ({@link Exchange#HTTP_URL}), with its QR code. A
 * request with no converted shot yet has nothing to share: {@link ProblemType#RESULTS_NOT_READY}.
 */
public class ShareLinkMaker implements Processor {

    /** The path of the links, before the token. */
    public static final String PATH = "/s/";
    static final int QR_MODULE_PIXELS = 8;

    private final ShareTokens tokens;
    private final URI publicUrl;

    /** {@code publicUrl} may be null or empty: the links then start with the address the kiosk called. */
    public ShareLinkMaker(ShareTokens tokens, URI publicUrl) {
        this.tokens = tokens;
        this.publicUrl = publicUrl == null || publicUrl.toString().isBlank() ? null : publicUrl;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        RequestAnswer request = in.getBody(RequestAnswer.class);
        boolean anyDone = request.results().stream().anyMatch(shot -> shot.status() == ShotStatus.DONE);
        if (!anyDone) {
            throw new ApiProblem(ProblemType.RESULTS_NOT_READY, "Request " + request.requestId() + " is "
                    + request.status() + " and has no converted shot to share yet.",
                    Map.of("requestStatus", request.status().name()));
        }
        ShareTokens.Minted minted = tokens.mint(request.requestId());
        String url = base(in.getHeader(Exchange.HTTP_URL, String.class)) + PATH + minted.token();
        in.setBody(new ShareLink(request.requestId(), url, minted.expiresAt(), QrCode.pngDataUrl(url, QR_MODULE_PIXELS)));
    }

    private String base(String calledUrl) {
        if (publicUrl != null) {
            return stripSlash(publicUrl.toString());
        }
        URI called = URI.create(calledUrl);
        return called.getScheme() + "://" + called.getRawAuthority();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
