package io.photobooth.proxy.api;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.contract.Json;
import io.photobooth.kiosk.ApiKeys;
import io.photobooth.kiosk.ApiProblem;
import io.photobooth.kiosk.JsonAnswer;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.kiosk.KioskRateLimiter;
import io.photobooth.kiosk.ProblemType;
import io.photobooth.proxy.ProxyRole;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeTypeUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits in front of every path of the proxy, before any route runs (a path check could be dodged
 * with {@code ;params} or percent-encoding, which Tomcat ignores when it maps the request): a
 * request body larger than {@code photobooth.kiosk.max-body-bytes} is refused with {@code 413} (a
 * chunked body is read up to the limit, never further; any body is read here and passed on as
 * bytes), and each vendor key gets
 * {@code photobooth.kiosk.rate-limit} calls, beyond which the answer is {@code 429} with
 * {@code Retry-After}; keys that are no vendor's share one bucket. The key counts only in its
 * header: Camel reads query parameters and form fields as headers too, so a key in the URL is
 * refused with {@code 401} (URLs are logged, and the limit would not see it) and a form body with
 * {@code 415}; no endpoint takes a form. An {@code Accept} header that is no list of media types is
 * refused with {@code 406}. All answer problem+json.
 */
@Component
@ProxyRole
public class KioskRequestLimits extends OncePerRequestFilter {

    /** The one bucket that every key that is not a vendor's shares: a flood of made-up keys stays bounded. */
    static final String UNKNOWN_KEYS = "unknown-keys";

    private final PhotoboothProperties properties;
    private final ApiKeys.Store apiKeyStore;
    private final KioskRateLimiter rateLimiter;
    private final int maxBodyBytes;

    public KioskRequestLimits(PhotoboothProperties properties, ApiKeys.Store apiKeyStore) {
        this.properties = properties;
        this.apiKeyStore = apiKeyStore;
        var kiosk = properties.kiosk();
        this.rateLimiter = new KioskRateLimiter(kiosk.rateLimit().requestsPerSecond(), kiosk.rateLimit().burst(),
                System::nanoTime);
        this.maxBodyBytes = kiosk.maxBodyBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        boolean hasBody = declared > 0 || declared < 0 && request.getHeader("Transfer-Encoding") != null;
        if (isWildcard(request.getContentType())) {
            // Spring refuses a wildcard Content-Type with an exception wherever it reads the headers
            // (a path without a route: 500), so it is refused here, on every path
            refuse(request, response, new ApiProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "A Content-Type names one media type, never a wildcard; send application/json, or none."));
            return;
        }
        if (hasBody && isForm(request.getContentType())) {
            refuse(request, response, new ApiProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send a JSON body (Content-Type: application/json) or none; form bodies are refused."));
            return;
        }
        if (request.getParameterMap().keySet().stream().anyMatch(KioskHeaders.API_KEY::equalsIgnoreCase)) {
            refuse(request, response, new ApiProblem(ProblemType.UNAUTHORIZED,
                    "Send the API key in the X-Api-Key header only; a key in the URL is refused,"
                            + " since URLs are logged."));
            return;
        }
        String apiKey = request.getHeader(KioskHeaders.API_KEY);
        if (apiKey != null && !apiKey.isEmpty()) {
            Optional<Duration> wait = rateLimiter.acquire(bucketOf(ApiKeys.hash(apiKey)));
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                response.setHeader("Retry-After", String.valueOf(seconds));
                refuse(request, response, new ApiProblem(ProblemType.RATE_LIMITED,
                        "Too many calls with this API key; retry after " + seconds + " s.",
                        Map.of("retryAfterSeconds", seconds)));
                return;
            }
        }
        if (!parses(request, "Accept")) {
            // Spring reads Accept again when the route's answer is written: an unparsable one made the
            // download page's answer a race of 200, 404 and 406, with or without its content type
            refuse(request, response, new ApiProblem(ProblemType.NOT_ACCEPTABLE,
                    "The Accept header is no list of media types; send application/json, or none."));
            return;
        }
        if (declared > maxBodyBytes) {
            refuse(request, response, tooLarge());
            return;
        }
        if (hasBody) {
            // every body is read here and handed on as bytes: Camel's platform-http, reading one of
            // a declared length with a byte above 0x7F through the servlet's reader, failed (500)
            byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                refuse(request, response, tooLarge());
                return;
            }
            chain.doFilter(new ReadBody(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Whether a body is a form, whose fields Camel would read as headers: an API key in one would
     * pass as the vendor's key without the rate limit, which reads the header only.
     */
    private static boolean isForm(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
    }

    /** Whether the Content-Type, where present, is a wildcard such as {@code *}{@code /*} or {@code image/*}. */
    private static boolean isWildcard(String contentType) {
        try {
            return contentType != null && MediaType.parseMediaType(contentType).isWildcardSubtype();
        } catch (InvalidMediaTypeException unparsable) {
            // Spring reads an unparsable Content-Type as none
            return false;
        }
    }

    /**
     * Whether the header, where present, is a list of media types that Spring's content negotiation
     * reads as it is (which also sorts it, and refuses more than 50 entries).
     */
    private static boolean parses(HttpServletRequest request, String header) {
        try {
            MimeTypeUtils.sortBySpecificity(
                    new ArrayList<>(MediaType.parseMediaTypes(Collections.list(request.getHeaders(header)))));
            return true;
        } catch (InvalidMediaTypeException | InvalidMimeTypeException e) {
            return false;
        }
    }

    /** A vendor's key has its own bucket; any other key is charged to the shared one. */
    private String bucketOf(String keyHash) {
        boolean known = properties.vendorByApiKeyHash(keyHash).or(() -> apiKeyStore.vendorOf(keyHash)).isPresent();
        return known ? keyHash : UNKNOWN_KEYS;
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(ProblemType.PAYLOAD_TOO_LARGE,
                "The request body may be at most " + maxBodyBytes + " bytes.", Map.of("maxBodyBytes", maxBodyBytes));
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, ApiProblem problem)
            throws IOException {
        response.setStatus(problem.type().status());
        response.setContentType(JsonAnswer.PROBLEM_JSON);
        Json.mapper().writeValue(response.getOutputStream(), problem.body(request.getRequestURI()));
    }

    /** A request whose body was already read within the limit. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
        }

        /** The body's declared charset, or UTF-8 where it names none or one this JVM does not know. */
        private Charset charset() {
            String encoding = getCharacterEncoding();
            try {
                return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            } catch (IllegalArgumentException unknown) {
                return StandardCharsets.UTF_8;
            }
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return available() == 0;
                }

                @Override
                public int available() {
                    try {
                        return in.available();
                    } catch (IOException e) {
                        return 0;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }
    }
}
