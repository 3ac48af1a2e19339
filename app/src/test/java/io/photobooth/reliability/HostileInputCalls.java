package io.photobooth.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.photobooth.support.KioskClient;

/**
 * Calls a hostile or broken kiosk might make on the proxy's HTTP API, from a seeded random source:
 * every endpoint (pre-request, conversion, status, events, share, upload-urls, concepts, the
 * customer's {@code /s/{token}}) and paths that serve nothing, with generated bodies (valid ones
 * mutated byte by byte, wrong types, deep nesting, huge numbers, long and odd Unicode strings,
 * nulls, duplicate keys, other formats, nothing), request ids (real, another vendor's, random,
 * path traversal, very long, percent-encoded bytes), and headers (missing, garbage or huge API
 * keys, wrong content types, odd Accept, Idempotency-Key and Last-Event-ID values). A few are sent
 * as raw bytes, for what an HTTP client library refuses to write: control characters, huge or
 * malformed header lines, conflicting lengths.
 */
final class HostileInputCalls {

    /** One call: the endpoint it aims at, how it is sent, and a description to reproduce it. */
    record Call(String endpoint, String method, String path, List<Map.Entry<String, String>> headers, byte[] body,
            boolean chunked, byte[] raw) {

        boolean isRaw() {
            return raw != null;
        }

        String header(String name) {
            return headers.stream().filter(header -> header.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        @Override
        public String toString() {
            if (raw != null) {
                return endpoint + " (raw): " + printable(raw, 600);
            }
            StringBuilder out = new StringBuilder(endpoint).append(": ").append(method).append(' ')
                    .append(abbreviate(path, 300));
            headers.forEach(header -> out.append(" | ").append(header.getKey()).append(": ")
                    .append(abbreviate(header.getValue(), 120)));
            if (body != null) {
                out.append(" | body").append(chunked ? " (chunked) " : " ").append(body.length).append(" bytes: ")
                        .append(printable(body, 300));
            }
            return out.toString();
        }
    }

    /** A request this run made, and the vendor that owns it. */
    record Known(String requestId, String apiKey) {
    }

    static final String[] CONCEPTS = {"sketch", "toon", "watercolor"};
    private static final String[] CONTENT_TYPES = {"image/jpeg", "image/png"};
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** JSON values of every type and edge, for any field. */
    private static final String[] VALUES = {
        "null", "true", "false", "0", "-0", "1", "-1", "4", "5", "1.0", "2.5", "1e0", "1E2", "1e400", "-1e400",
        "1e-400", "2147483647", "2147483648", "-2147483649", "9223372036854775808", "1" + "0".repeat(400),
        "0.0000000000000000000000001", "\"\"", "\"1\"", "\"sketch\"", "\"image/jpeg\"", "[]", "{}", "[1]",
        "[\"sketch\"]", "{\"concept\":\"sketch\"}", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"",
        "\"sketch\\u0000\"", "\"\\\"\"", "\"\\\\\"", "\"%s%n%x\"", "\"${jndi:ldap://127.0.0.1/x}\"",
        "\"' or '1'='1\"", "\"<script>alert(1)</script>\"", "\"../../etc/passwd\"", "\"ｓｋｅｔｃｈ\"",
        "\"ſketch\"", "\"SKETCH\"", "\"sketch \"", "\" sketch\"", "\"sk\\u0065tch\"", "\"s\\u200bketch\"",
        "\"\\u202esketch\"", "\"😀\"", "\"image/jpeg; charset=utf-8\"", "\"IMAGE/JPEG\"", "\"image/gif\"",
    };
    /** Strings a careless or hostile kiosk puts where a request id, a token or a key goes. */
    private static final String[] ODD_IDS = {
        "", "0", "-1", "null", "undefined", "..", ".", "...", "../concepts", "..%2Fconcepts", "..%2F..%2Fconcepts",
        "%2e%2e", "%2e%2e%2fconcepts", "..;", "..;/concepts", "....//", "%252e%252e", "%00", "%0a", "%0d%0a",
        "%20", "%09", "%ff", "%c0%ae%c0%ae", "%e2%80%ae", "%f0%9f%98%80", "%", "%zz", "%2", ";", ";a=b",
        "x;jsessionid=1", "*", "~", "'%20or%201=1--", "%27;%20drop%20table%20shot;--", "$%7Bjndi:x%7D",
        "%7B%7B7*7%7D%7D", "%3Cscript%3E", "99999999999999999999999999", "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff", "g0000000-0000-0000-0000-000000000000",
    };
    private static final String[] ACCEPTS = {
        "application/json", "text/html", "*/*", "image/png", "application/xml", "text/event-stream",
        "application/problem+json", "application/json;q=0", "text/html,application/xhtml+xml,*/*;q=0.8", "garbage",
        "application/*", "*/*;q=0.1, text/plain", ";;;",
    };
    private static final String[] BODY_CONTENT_TYPES = {
        "text/plain", "application/json; charset=utf-8", "application/json; charset=UTF-16",
        "application/json; charset=nonsense", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/json, text/plain", "a/b/c;;;=", "*/*", "application/problem+json", "APPLICATION/JSON",
        "application/json;", "application/jsonx", "application/merge-patch+json", "json", "",
        "application/json; boundary=\"", "text/json", "application/octet-stream", "image/jpeg",
    };

    private final List<Known> known = new CopyOnWriteArrayList<>();
    private final String finishedRequestId;
    private final String shareToken;

    /** Calls around a request of the demo vendor that is finished (converted) and its download link's token. */
    HostileInputCalls(String finishedRequestId, String shareToken) {
        this.finishedRequestId = finishedRequestId;
        this.shareToken = shareToken;
    }

    /** Remembers a request a pre-request of this run made, for later calls to aim at. */
    void made(String requestId, String apiKey) {
        if (known.size() < 5_000) {
            known.add(new Known(requestId, apiKey));
        }
    }

    Call next(Random random) {
        int pick = random.nextInt(100);
        if (pick < 3) {
            return rawCall(random);
        }
        if (pick < 33) {
            return preRequest(random);
        }
        if (pick < 43) {
            return aboutRequest(random, "conversion", "POST", "/conversion");
        }
        if (pick < 55) {
            return aboutRequest(random, "status", "GET", "");
        }
        if (pick < 63) {
            return aboutRequest(random, "events", "GET", "/events");
        }
        if (pick < 71) {
            return aboutRequest(random, "share", "GET", "/share");
        }
        if (pick < 79) {
            return aboutRequest(random, "upload-urls", "POST", "/upload-urls");
        }
        if (pick < 85) {
            return call(random, "concepts", method(random, "GET"), "/api/v1/concepts", false);
        }
        if (pick < 93) {
            return sharePage(random);
        }
        return call(random, "elsewhere", method(random, "GET"), elsewhere(random), false);
    }

    // --- the endpoints

    private Call preRequest(Random random) {
        return call(random, "pre-request", method(random, "POST"), "/api/v1/requests", true);
    }

    private Call aboutRequest(Random random, String endpoint, String method, String suffix) {
        return call(random, endpoint, method(random, method), "/api/v1/requests/" + requestId(random) + suffix, false);
    }

    private Call sharePage(Random random) {
        String token = switch (random.nextInt(8)) {
            case 0 -> shareToken;
            case 1, 2 -> mutateToken(random, shareToken);
            case 3 -> randomString(random, BASE64URL, shareToken.length());
            case 4 -> randomString(random, BASE64URL, random.nextInt(200));
            case 5 -> shareToken + pick(random, ODD_IDS);
            case 6 -> pick(random, ODD_IDS);
            default -> random.nextBoolean() ? randomString(random, BASE64URL, 1_000 + random.nextInt(9_000))
                    : percentEncoded(random, 1 + random.nextInt(64));
        };
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            headers.add(Map.entry("Accept", random.nextBoolean() ? "text/html" : pick(random, ACCEPTS)));
        }
        String key = apiKey(random);
        if (key != null && random.nextInt(4) == 0) {
            headers.add(Map.entry("X-Api-Key", key));
        }
        return new Call("share-page", method(random, "GET"), "/s/" + token, headers, null, false, null);
    }

    private String elsewhere(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> "/api/v1/nothing";
            case 1 -> "/api/v2/requests";
            case 2 -> "/api/v1/requests/" + requestId(random) + "/" + pick(random, ODD_IDS);
            case 3 -> "/api/v1/" + pick(random, ODD_IDS);
            case 4 -> "/api/v1/concepts/" + pick(random, ODD_IDS);
            case 5 -> "/actuator/" + pick(random, new String[] {"nothing", "env", "heapdump", "shutdown", "beans"});
            case 6 -> "/error";
            case 7 -> "/api/v1/requests/" + requestId(random) + "/conversion/" + requestId(random);
            case 8 -> "/%2e%2e/%2e%2e/etc/passwd";
            case 9 -> "/api//v1///concepts";
            case 10 -> "/api/v1/requests?X-Api-Key=" + KioskClient.DEMO_KEY;
            default -> "/" + percentEncoded(random, random.nextInt(40));
        };
    }

    private String requestId(Random random) {
        int pick = random.nextInt(100);
        if (pick < 25 && !known.isEmpty()) {
            return known.get(random.nextInt(known.size())).requestId();
        }
        if (pick < 35) {
            return finishedRequestId;
        }
        if (pick < 45) {
            return UUID.randomUUID().toString();
        }
        if (pick < 50) {
            return finishedRequestId.toUpperCase(Locale.ROOT);
        }
        if (pick < 58) {
            String base = random.nextBoolean() ? finishedRequestId : UUID.randomUUID().toString();
            return random.nextBoolean() ? base + pick(random, ODD_IDS) : pick(random, ODD_IDS) + base;
        }
        if (pick < 75) {
            return pick(random, ODD_IDS);
        }
        if (pick < 80) {
            return randomString(random, UNRESERVED, 100 + random.nextInt(random.nextBoolean() ? 1_000 : 9_000));
        }
        if (pick < 90) {
            return percentEncoded(random, 1 + random.nextInt(48));
        }
        if (pick < 95) {
            return percentEncodedUtf8(pick(random, new String[] {"ｓｋｅｔｃｈ", "😀", "\u202e", "é", "\u0000", "ǅ", "\ufeff"})
                    + finishedRequestId);
        }
        // one character of the finished request's id changed
        char[] id = finishedRequestId.toCharArray();
        id[random.nextInt(id.length)] = "0123456789abcdef-gG".charAt(random.nextInt(19));
        return new String(id);
    }

    // --- one call: method, path, headers, body

    private Call call(Random random, String endpoint, String method, String path, boolean wantsJson) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int keys = random.nextInt(50) == 0 ? 2 : 1;
        for (int i = 0; i < keys; i++) {
            String key = apiKey(random);
            if (key != null) {
                headers.add(Map.entry("X-Api-Key", key));
            }
        }
        boolean sendsBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH")
                || random.nextInt(20) == 0;
        byte[] body = null;
        if (sendsBody && (wantsJson || random.nextInt(3) == 0)) {
            body = wantsJson ? preRequestBody(random) : anyBody(random);
        }
        if (body != null || wantsJson) {
            String contentType = contentType(random);
            if (contentType != null) {
                headers.add(Map.entry("Content-Type", contentType));
            }
        }
        if (wantsJson && random.nextInt(4) == 0) {
            headers.add(Map.entry("Idempotency-Key", idempotencyKey(random)));
        }
        if (endpoint.equals("events") && random.nextInt(3) == 0) {
            headers.add(Map.entry("Last-Event-ID", pick(random, new String[] {"0", "1", "-1", "33", "999999999999999999",
                "9999999999999999999", "1e3", "abc", "", " 1", "0x10", "1".repeat(200)})));
        }
        if (random.nextInt(4) == 0) {
            headers.add(Map.entry("Accept", pick(random, ACCEPTS)));
        }
        if (random.nextInt(10) == 0) {
            headers.add(junkHeader(random));
        }
        return new Call(endpoint, method, path, headers, body, body != null && random.nextInt(10) == 0, null);
    }

    private static String method(Random random, String usual) {
        if (random.nextInt(10) != 0) {
            return usual;
        }
        return pick(random, new String[] {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "PROPFIND", "FOO"});
    }

    private static String apiKey(Random random) {
        int pick = random.nextInt(100);
        if (pick < 70) {
            return KioskClient.DEMO_KEY;
        }
        if (pick < 76) {
            return KioskClient.ACME_KEY;
        }
        if (pick < 84) {
            return null;
        }
        return switch (pick) {
            case 84, 85, 86 -> "";
            case 87, 88, 89, 90 -> randomString(random, UNRESERVED, 1 + random.nextInt(64));
            case 91 -> randomString(random, UNRESERVED, 1_000 + random.nextInt(6_000));
            case 92 -> " " + KioskClient.DEMO_KEY + " ";
            case 93 -> KioskClient.DEMO_KEY.toUpperCase(Locale.ROOT);
            case 94 -> KioskClient.DEMO_KEY + "\t";
            case 95 -> "d47235d40d11893fcf73e7712787238c5244a9d860ee079bfc747dfb8f7bf469";
            case 96 -> latin1(random, 1 + random.nextInt(32));
            case 97 -> "Bearer " + KioskClient.DEMO_KEY;
            case 98 -> KioskClient.DEMO_KEY + "," + KioskClient.ACME_KEY;
            default -> "%00" + KioskClient.DEMO_KEY;
        };
    }

    private static String contentType(Random random) {
        int pick = random.nextInt(100);
        if (pick < 70) {
            return "application/json";
        }
        if (pick < 78) {
            return null;
        }
        return pick(random, BODY_CONTENT_TYPES);
    }

    private static String idempotencyKey(Random random) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> "payment-" + random.nextInt(20);
            case 4, 5 -> randomString(random, UNRESERVED + "!#$%&'*+^`|", 1 + random.nextInt(300));
            case 6 -> "";
            case 7 -> "with space " + random.nextInt(10);
            case 8 -> latin1(random, 1 + random.nextInt(20));
            default -> UUID.randomUUID().toString();
        };
    }

    private static Map.Entry<String, String> junkHeader(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> Map.entry("X-Forwarded-For", "127.0.0.1, " + randomString(random, UNRESERVED, 20));
            case 1 -> Map.entry("X-Forwarded-Host", "evil.example" + (random.nextBoolean() ? "" : ":99999"));
            case 2 -> Map.entry("X-Forwarded-Proto", pick(random, new String[] {"https", "gopher", "", "http, https"}));
            case 3 -> Map.entry("Content-Encoding", pick(random, new String[] {"gzip", "deflate", "br", "identity", "x"}));
            case 4 -> Map.entry("Range", "bytes=" + random.nextInt(100) + "-" + random.nextInt(10));
            case 5 -> Map.entry("Origin", "http://evil.example");
            case 6 -> Map.entry("Cookie", "JSESSIONID=" + randomString(random, UNRESERVED, 40));
            case 7 -> Map.entry("If-None-Match", "\"" + randomString(random, UNRESERVED, 10) + "\"");
            case 8 -> Map.entry("X-Http-Method-Override", "DELETE");
            case 9 -> Map.entry("X-Huge", randomString(random, UNRESERVED, 4_000 + random.nextInt(4_000)));
            case 10 -> Map.entry("Accept-Charset", "utf-7");
            default -> Map.entry("X-" + randomString(random, UNRESERVED.substring(0, 52), 1 + random.nextInt(30)),
                    randomString(random, UNRESERVED, random.nextInt(100)));
        };
    }

    // --- bodies

    /** A pre-request body: valid ones, valid ones mutated, wrong types, odd structure and other formats. */
    private static byte[] preRequestBody(Random random) {
        int pick = random.nextInt(100);
        if (pick < 16) {
            return utf8(validPreRequest(random));
        }
        if (pick < 36) {
            return mutate(random, utf8(validPreRequest(random)));
        }
        if (pick < 52) {
            return utf8(withValues(random));
        }
        if (pick < 60) {
            return utf8(oddFields(random));
        }
        if (pick < 65) {
            String text = random.nextBoolean() ? randomString(random, UNRESERVED, 100 + random.nextInt(16_500))
                    : unicode(random, 10 + random.nextInt(3_000));
            return utf8("{\"concept\":\"" + text + "\",\"shots\":1}");
        }
        if (pick < 70) {
            return utf8("{\"concept\":\"" + unicode(random, 1 + random.nextInt(30)) + "\"}");
        }
        if (pick < 73) {
            return utf8(deep(random));
        }
        if (pick < 78) {
            return utf8(pick(random, new String[] {"[]", "\"sketch\"", "1", "null", "true", "[{\"concept\":\"sketch\"}]",
                "{}", "{\"\":\"\"}", "{\"concept\":\"sketch\"}}", "[", "]", "{", "}"}));
        }
        if (pick < 88) {
            return otherFormat(random);
        }
        if (pick < 92) {
            return utf8(pick(random, new String[] {"", " ", "\n", "\r\n\t ", "\u00a0", "\ufeff"}));
        }
        if (pick < 95) {
            // over the 16 KiB limit
            return utf8("{\"concept\":\"sketch\",\"note\":\"" + "x".repeat(16_384 + random.nextInt(100_000)) + "\"}");
        }
        return utf8(validPreRequest(random) + pick(random, new String[] {" " + validPreRequest(random), "garbage", "]",
            "\u0000", "\n{}", "//comment", ",", "  \n  "}));
    }

    static String validPreRequest(Random random) {
        List<String> members = new ArrayList<>();
        members.add("\"concept\":\"" + pick(random, CONCEPTS) + "\"");
        if (random.nextBoolean()) {
            members.add("\"shots\":" + (1 + random.nextInt(4)));
        }
        if (random.nextBoolean()) {
            members.add("\"contentType\":\"" + pick(random, CONTENT_TYPES) + "\"");
        }
        Collections.shuffle(members, random);
        String space = random.nextInt(4) == 0 ? " \n\t" : "";
        return "{" + space + String.join("," + space, members) + space + "}";
    }

    private static String withValues(Random random) {
        String concept = random.nextInt(3) == 0 ? pick(random, VALUES) : "\"" + pick(random, CONCEPTS) + "\"";
        String shots = random.nextInt(3) == 0 ? pick(random, VALUES) : String.valueOf(random.nextInt(6));
        String contentType = random.nextInt(2) == 0 ? pick(random, VALUES) : "\"image/jpeg\"";
        return "{\"concept\":" + concept + ",\"shots\":" + shots + ",\"contentType\":" + contentType + "}";
    }

    private static String oddFields(Random random) {
        return pick(random, new String[] {
            "{\"concept\":\"sketch\",\"concept\":\"toon\"}",
            "{\"concept\":\"sketch\",\"shots\":1,\"shots\":4}",
            "{\"concept\":\"sketch\",\"shots\":1,\"shots\":99}",
            "{\"Concept\":\"sketch\"}",
            "{\"CONCEPT\":\"sketch\",\"SHOTS\":1}",
            "{\"concept\":\"sketch\",\"vendor\":\"acme\"}",
            "{\"concept\":\"sketch\",\"requestId\":\"" + UUID.randomUUID() + "\"}",
            "{\"concept\":\"sketch\",\"status\":\"DONE\"}",
            "{\"concept\":\"sketch\",\"__proto__\":{\"admin\":true}}",
            "{\"concept\":\"sketch\",\"@class\":\"java.lang.Runtime\"}",
            "{\"concept\":\"sketch\",\"shots\":{\"$gt\":0}}",
            "{'concept':'sketch'}",
            "{concept:\"sketch\"}",
            "{\"concept\":\"sketch\",}",
            "{\"concept\":\"sketch\" /* comment */}",
            "{\"concept\":\"sketch\",\"shots\":NaN}",
            "{\"concept\":\"sketch\",\"shots\":Infinity}",
            "{\"concept\":\"sketch\",\"shots\":01}",
            "{\"concept\":\"sketch\",\"shots\":+1}",
            "{\"concept\":\"sketch\",\"shots\":0x1}",
            "{\"concept\":\"sketch\",\"shots\":.5}",
            "{\"concept\":\"sketch\",\"shots\":1.}",
            "{\"concept\":\"sketch\",\"shots\":1" + "0".repeat(5_000) + "}",
            "{\"concept\":\"sketch\",\"shots\":0." + "0".repeat(5_000) + "1}",
            "{\"concept\":\"sketch\",\"shots\":1e" + "9".repeat(1_000) + "}",
            "{\"concept\":\"\\u0073ketch\"}",
            "{\"concept\":\"sketch\\\"}",
            "{\"concept\":\"sketch\\",
            "{\"concept\"  :  \"sketch\"  }",
            "{\"" + "k".repeat(10_000) + "\":1}",
        });
    }

    private static String deep(Random random) {
        int depth = 100 + random.nextInt(random.nextBoolean() ? 1_500 : 7_500);
        return switch (random.nextInt(3)) {
            case 0 -> "[".repeat(depth) + "]".repeat(depth);
            case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            default -> "{\"concept\":" + "[".repeat(depth) + "\"sketch\"" + "]".repeat(depth) + "}";
        };
    }

    private static byte[] otherFormat(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> randomBytes(random, random.nextInt(2_000));
            case 1 -> utf8("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                    + "<preRequest><concept>&e;</concept></preRequest>");
            case 2 -> utf8("concept=sketch&shots=1&X-Api-Key=" + KioskClient.DEMO_KEY);
            case 3 -> utf8("concept: sketch\nshots: 1\n");
            case 4 -> withBom(validPreRequest(random));
            case 5 -> validPreRequest(random).getBytes(StandardCharsets.UTF_16);
            case 6 -> validPreRequest(random).getBytes(StandardCharsets.UTF_16LE);
            case 7 -> {
                byte[] json = utf8(validPreRequest(random));
                yield Arrays.copyOf(json, random.nextInt(json.length));
            }
            case 8 -> {
                // invalid UTF-8 inside a string
                byte[] prefix = utf8("{\"concept\":\"sk");
                byte[] suffix = utf8("etch\"}");
                byte[] bad = pick(random, new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0,
                    (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}});
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(prefix);
                out.writeBytes(bad);
                out.writeBytes(suffix);
                yield out.toByteArray();
            }
            default -> utf8("--x\r\nContent-Disposition: form-data; name=\"concept\"\r\n\r\nsketch\r\n--x--\r\n");
        };
    }

    private static byte[] anyBody(Random random) {
        return random.nextBoolean() ? preRequestBody(random) : randomBytes(random, random.nextInt(random.nextBoolean() ? 64 : 20_000));
    }

    /** The bytes with one to eight changes: a byte changed, removed, inserted or repeated, or a cut. */
    private static byte[] mutate(Random random, byte[] bytes) {
        byte[] out = bytes;
        for (int i = 1 + random.nextInt(8); i > 0 && out.length > 0; i--) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(5)) {
                case 0 -> {
                    out = out.clone();
                    out[at] = random.nextBoolean() ? (byte) random.nextInt(128)
                            : (byte) "{}[]\":,\\0123456789.eE-+ntfl\u0000".charAt(random.nextInt(28));
                }
                case 1 -> out = concat(Arrays.copyOf(out, at), Arrays.copyOfRange(out, at + 1, out.length));
                case 2 -> out = concat(concat(Arrays.copyOf(out, at), new byte[] {(byte) random.nextInt(256)}),
                        Arrays.copyOfRange(out, at, out.length));
                case 3 -> {
                    int end = Math.min(out.length, at + 1 + random.nextInt(12));
                    byte[] range = Arrays.copyOfRange(out, at, end);
                    out = concat(concat(Arrays.copyOf(out, end), range), Arrays.copyOfRange(out, end, out.length));
                }
                default -> out = Arrays.copyOf(out, at);
            }
        }
        return out;
    }

    // --- raw HTTP

    /** A request written byte by byte: what an HTTP library would not send. */
    private Call rawCall(Random random) {
        String path = switch (random.nextInt(4)) {
            case 0 -> "/api/v1/concepts";
            case 1 -> "/api/v1/requests/" + finishedRequestId;
            case 2 -> "/api/v1/requests";
            default -> "/s/" + shareToken;
        };
        String method = path.equals("/api/v1/requests") ? "POST" : "GET";
        String body = method.equals("POST") ? validPreRequest(random) : "";
        List<String> lines = new ArrayList<>();
        String requestLine = method + " " + path + " HTTP/1.1";
        String key = "X-Api-Key: " + KioskClient.DEMO_KEY;
        String length = body.isEmpty() ? null : "Content-Length: " + utf8(body).length;
        String extra = null;
        switch (random.nextInt(16)) {
            case 0 -> requestLine = method + " " + path + "/" + latin1(random, 1 + random.nextInt(10)) + " HTTP/1.1";
            case 1 -> requestLine = method + " " + path + "%zz%" + " HTTP/1.1";
            case 2 -> requestLine = method + " " + path + "\\..\\..\\x HTTP/1.1";
            case 3 -> requestLine = method + " " + path + " HTTP/1.0";
            case 4 -> requestLine = method.toLowerCase(Locale.ROOT) + " " + path + " HTTP/1.1";
            case 5 -> requestLine = method + " http://evil.example" + path + " HTTP/1.1";
            case 6 -> key = "X-Api-Key: " + randomString(random, UNRESERVED, 9_000 + random.nextInt(60_000));
            case 7 -> extra = "X-Many: 1\r\n".repeat(100 + random.nextInt(400)).trim();
            case 8 -> key = "X-Api-Key: " + KioskClient.DEMO_KEY + "\u0001\u007f";
            case 9 -> extra = "No-Colon-Header";
            case 10 -> extra = "X-Folded: a\r\n  folded";
            case 11 -> {
                // a chunked body, well formed or not, but always ended: a server waits for a body it was promised
                extra = "Transfer-Encoding: chunked";
                length = random.nextBoolean() ? null : length;
                String chunk = random.nextBoolean() ? Integer.toHexString(utf8(body).length) : "zz";
                body = body.isEmpty() ? "0\r\n\r\n" : chunk + "\r\n" + body + "\r\n0\r\n\r\n";
            }
            case 12 -> key = "X-Api-Key : " + KioskClient.DEMO_KEY;
            case 13 -> length = body.isEmpty() ? "Content-Length: -1" : "Content-Length: " + utf8(body).length + ", 5";
            case 14 -> requestLine = method + " " + path + "?" + latin1(random, 1 + random.nextInt(40)) + " HTTP/1.1";
            default -> extra = "Content-Type: application/json\r\nContent-Type: text/plain";
        }
        lines.add(requestLine);
        lines.add("Host: 127.0.0.1");
        lines.add(key);
        if (method.equals("POST") && (extra == null || !extra.startsWith("Content-Type"))) {
            lines.add("Content-Type: application/json");
        }
        if (length != null) {
            lines.add(length);
        }
        if (extra != null) {
            lines.add(extra);
        }
        lines.add("Connection: close");
        byte[] head = (String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return new Call("raw " + method + " " + path.replace(finishedRequestId, "{id}").replace(shareToken, "{token}"),
                method, path, List.of(), null, false, concat(head, utf8(body)));
    }

    // --- helpers

    private static String mutateToken(Random random, String token) {
        char[] chars = token.toCharArray();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            chars[random.nextInt(chars.length)] = BASE64URL.charAt(random.nextInt(BASE64URL.length()));
        }
        String mutated = new String(chars);
        return switch (random.nextInt(4)) {
            case 0 -> mutated.substring(0, random.nextInt(mutated.length()));
            case 1 -> mutated + "=";
            default -> mutated;
        };
    }

    private static String percentEncoded(Random random, int bytes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes; i++) {
            out.append(String.format(Locale.ROOT, "%%%02X", random.nextInt(256)));
        }
        return out.toString();
    }

    private static String percentEncodedUtf8(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : utf8(text)) {
            char c = (char) (b & 0xFF);
            out.append(UNRESERVED.indexOf(c) >= 0 ? String.valueOf(c) : String.format(Locale.ROOT, "%%%02X", b & 0xFF));
        }
        return out.toString();
    }

    /** Unicode of every kind: letters of other scripts, emoji, controls, combining marks, lone surrogates escaped. */
    private static String unicode(Random random, int length) {
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            out.append(switch (random.nextInt(8)) {
                case 0 -> "😀";
                case 1 -> "\\ud83d";
                case 2 -> "\\u0000";
                case 3 -> "\u202e";
                case 4 -> "e\u0301";
                case 5 -> "스케치";
                case 6 -> String.valueOf((char) (0x20 + random.nextInt(0x5F)))
                        .replace("\"", "\\\"").replace("\\", "\\\\");
                default -> String.valueOf(Character.toChars(0x80 + random.nextInt(0xD000)));
            });
        }
        return out.toString();
    }

    private static String latin1(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append((char) (0xA0 + random.nextInt(0x60)));
        }
        return out.toString();
    }

    static String randomString(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] withBom(String json) {
        return concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(json));
    }

    static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " chars)";
    }

    static String printable(byte[] bytes, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            int b = bytes[i] & 0xFF;
            out.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format(Locale.ROOT, "\\x%02x", b));
        }
        return bytes.length > max ? out + "…(" + bytes.length + " bytes)" : out.toString();
    }
}
