package io.photobooth.share;

import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The HTML shell of the pages a customer's phone opens from the QR code: self-contained (inline
 * style, no script), not cached, not indexed, and sending no referrer, so that neither the token
 * nor a presigned URL leaves the page.
 */
final class PhonePage {

    static final String CONTENT_TYPE = "text/html;charset=UTF-8";

    private static final String STYLE = """
            body{margin:0;font-family:system-ui,sans-serif;background:#14151a;color:#f4f4f6;text-align:center}
            main{max-width:40rem;margin:0 auto;padding:1.5rem 1rem 3rem}
            h1{font-size:1.6rem;margin:.5rem 0 1rem}
            p{color:#c9cad3;line-height:1.4}
            figure{margin:1.5rem 0}
            img{width:100%;height:auto;border-radius:.75rem;background:#2a2b33}
            a.download{display:inline-block;margin-top:.6rem;padding:.8rem 1.4rem;border-radius:2rem;
              background:#ffcc33;color:#14151a;font-weight:700;text-decoration:none}
            .failed{color:#ff8a80}
            """;

    private PhonePage() {
    }

    /** Writes the page as the answer, with {@code status}, dropping every exchange header. */
    static void answer(Exchange exchange, int status, String title, String body) {
        String html = """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="robots" content="noindex">
                <title>%s</title>
                <style>%s</style>
                </head>
                <body><main>
                <h1>%s</h1>
                %s
                </main></body>
                </html>
                """.formatted(escape(title), STYLE, escape(title), body);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setBody(html.getBytes(StandardCharsets.UTF_8));
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        message.setHeader("Cache-Control", "no-store");
        message.setHeader("Referrer-Policy", "no-referrer");
        message.setHeader("X-Robots-Tag", "noindex");
    }

    /** Text or an attribute value made safe for HTML. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
