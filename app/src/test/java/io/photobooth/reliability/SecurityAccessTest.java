package io.photobooth.reliability;

import static io.photobooth.reliability.SecurityProbes.assertProblem;
import static io.photobooth.reliability.SecurityProbes.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.kiosk.ApiKeys;
import io.photobooth.reliability.SecurityProbes.RawAnswer;
import io.photobooth.reliability.SecurityProbes.Stored;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Who may call what, and what a call may reveal or change, against the whole application: one
 * vendor's key on another vendor's requests (OWASP API1), missing, wrong and misplaced keys (API2),
 * fields a kiosk may not set and fields an answer must not carry (API3), headers that carry
 * attackers' bytes (CR, LF, control characters, spoofed hosts), and the endpoints, headers and
 * error answers the web server shows to anyone (API5, API8). Every refused attempt is checked to
 * have written nothing: no row, no event, no S3 object, no job.
 */
@LocalIntegrationTest
class SecurityAccessTest {

    static final String UNKNOWN_ID = "3f2b8c1e-0d4a-4b7e-9a61-2c5d8e9f0a1b";
    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    /** Demo's requests the attempts aim at, made once: uploaded (not converted, 3 shots) and converted. */
    static String uploadedId;
    static String convertedId;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    S3Client s3;

    @Autowired
    SqsClient sqs;

    @Autowired
    PhotoboothProperties properties;

    @Autowired
    ApplicationContext context;

    KioskClient kiosk;

    /** A call addressed by a request id: the method and the path after {@code /api/v1/requests/{id}}. */
    record ById(String method, String suffix) {

        String path(String requestId) {
            return "/api/v1/requests/" + requestId + suffix;
        }

        @Override
        public String toString() {
            return method + " {id}" + suffix;
        }
    }

    static final List<ById> BY_ID = List.of(new ById("GET", ""), new ById("GET", "/events"),
            new ById("POST", "/conversion"), new ById("POST", "/upload-urls"), new ById("GET", "/share"),
            new ById("GET", "/audit"), new ById("GET", "/callbacks"));

    @BeforeEach
    void demosRequests() {
        kiosk = new KioskClient(port);
        if (uploadedId == null) {
            Answer uploaded = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":3}");
            for (JsonNode upload : KioskClient.list(uploaded.json().get("uploads"))) {
                assertThat(kiosk.upload(upload, TestPhotos.portrait(64, 48, Color.PINK))).isEqualTo(200);
            }
            Answer converted = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
            convertedId = converted.json().get("requestId").asText();
            assertThat(kiosk.upload(converted.json().get("uploads").get(0), TestPhotos.portrait(64, 48, Color.CYAN)))
                    .isEqualTo(200);
            assertThat(kiosk.conversion(KioskClient.DEMO_KEY, convertedId).json().get("status").asText())
                    .isEqualTo("DONE");
            uploadedId = uploaded.json().get("requestId").asText();
        }
    }

    Stored stored() {
        return Stored.of(jdbc, s3, sqs, properties);
    }

    Answer call(ById call, String apiKey, String requestId) {
        return kiosk.call(call.method(), call.path(requestId), apiKey, null, null);
    }

    /** The problem document with the request id replaced, to compare refusals of two ids. */
    static String withoutId(Answer answer, String requestId) {
        return body(answer).replace(requestId, "{id}");
    }

    // --- API1: broken object level authorization -----------------------------------------------

    @Test
    void anotherVendorsRequestIdIsAnsweredOnEveryEndpointExactlyAsAnUnknownIdAndChangesNothing() {
        Stored before = stored();

        for (String demos : List.of(uploadedId, convertedId)) {
            for (ById call : BY_ID) {
                Answer foreign = call(call, KioskClient.ACME_KEY, demos);
                Answer unknown = call(call, KioskClient.ACME_KEY, UNKNOWN_ID);

                assertProblem(foreign, 404, "unknown-request");
                assertThat(withoutId(foreign, demos)).as("%s on demo's %s", call, demos)
                        .isEqualTo(withoutId(unknown, UNKNOWN_ID));
                assertThat(foreign.contentType()).isEqualTo(unknown.contentType());
            }
        }

        assertThat(stored()).isEqualTo(before);
        assertThat(kiosk.status(KioskClient.DEMO_KEY, uploadedId).json().get("status").asText())
                .as("acme's main request enqueued nothing").isEqualTo("PRE_REQUESTED");
    }

    static Stream<String> guessedIds() {
        return Stream.of(
                "00000000-0000-0000-0000-000000000000",
                "ffffffff-ffff-ffff-ffff-ffffffffffff",
                "00000000-0000-0000-0000-000000000001",
                "a706077c-0f4a-11ef-ab67-1cd4d2f1851d");
    }

    @ParameterizedTest
    @MethodSource("guessedIds")
    void aGuessedIdIsAnUnknownRequestOnEveryEndpoint(String guessed) {
        Stored before = stored();

        for (ById call : BY_ID) {
            assertProblem(call(call, KioskClient.DEMO_KEY, guessed), 404, "unknown-request");
        }

        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void theNeighboursOfAnExistingIdAreUnknownRequestsToTheOtherVendorAndToItsOwn() {
        Stored before = stored();
        List<String> neighbours = new ArrayList<>();
        for (int position : new int[] {0, 35}) {
            char digit = convertedId.charAt(position);
            char next = Character.forDigit((Character.digit(digit, 16) + 1) % 16, 16);
            neighbours.add(convertedId.substring(0, position) + next + convertedId.substring(position + 1));
        }

        for (String neighbour : neighbours) {
            for (ById call : BY_ID) {
                assertProblem(call(call, KioskClient.ACME_KEY, neighbour), 404, "unknown-request");
                assertProblem(call(call, KioskClient.DEMO_KEY, neighbour), 404, "unknown-request");
            }
        }

        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void onlyTheCanonicalSpellingOfAnIdNamesTheRequestEvenForItsOwnVendor() {
        Stored before = stored();
        List<String> spellings = List.of(convertedId.toUpperCase(), convertedId.replace("-", ""),
                "%7B" + convertedId + "%7D", convertedId + "%20", "%20" + convertedId, convertedId + ".json",
                convertedId + "%0D%0ASet-Cookie:%20a=b", "urn:uuid:" + convertedId);

        for (String spelling : spellings) {
            for (ById call : BY_ID) {
                Answer answer = call(call, KioskClient.DEMO_KEY, spelling);
                assertProblem(answer, 404, "unknown-request");
                assertThat(answer.json().get("requestId")).isNull();
            }
        }

        assertThat(stored()).isEqualTo(before);
        assertThat(kiosk.status(KioskClient.DEMO_KEY, convertedId).status()).isEqualTo(200);
    }

    // --- API2: broken authentication -------------------------------------------------------------

    static Stream<Arguments> badKeys() {
        return Stream.of(
                Arguments.of("missing", null),
                Arguments.of("empty", ""),
                Arguments.of("blank", "   "),
                Arguments.of("unknown", "made-up-key"),
                Arguments.of("another case", "DEMO-LOCAL-KEY"),
                Arguments.of("the stored hash of a key", ApiKeys.hash(KioskClient.DEMO_KEY)),
                Arguments.of("an authorization scheme", "Bearer " + KioskClient.DEMO_KEY),
                Arguments.of("two keys in one", KioskClient.DEMO_KEY + "," + KioskClient.ACME_KEY),
                Arguments.of("a prefix of a key", KioskClient.DEMO_KEY.substring(0, 8)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badKeys")
    void aBadKeyIsUnauthorizedOnEveryEndpointAndChangesNothing(String what, String apiKey) {
        Stored before = stored();
        List<Answer> answers = new ArrayList<>();
        answers.add(kiosk.concepts(apiKey));
        answers.add(kiosk.preRequest(apiKey, "{\"concept\":\"sketch\"}"));
        for (ById call : BY_ID) {
            answers.add(call(call, apiKey, uploadedId));
        }

        assertThat(answers).allSatisfy(answer -> assertProblem(answer, 401, "unauthorized"));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aKeyInAnotherHeaderOrInTwoHeadersIsUnauthorized() {
        RawAnswer bearer = SecurityProbes.raw(port, "GET /api/v1/concepts HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + KioskClient.DEMO_KEY + "\r\n", "");
        RawAnswer twoKeys = SecurityProbes.raw(port, "GET /api/v1/concepts HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Api-Key: made-up-key\r\nX-Api-Key: " + KioskClient.DEMO_KEY + "\r\n", "");
        RawAnswer twoVendors = SecurityProbes.raw(port, "GET /api/v1/concepts HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Api-Key: " + KioskClient.DEMO_KEY + "\r\nX-Api-Key: " + KioskClient.ACME_KEY + "\r\n", "");

        for (RawAnswer answer : List.of(bearer, twoKeys, twoVendors)) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.body()).contains("urn:photobooth:problem:unauthorized");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Api-Key", "x-api-key", "X%2DApi%2DKey", "X-API-KEY"})
    void aKeyInTheQueryStringIsRefusedWhereTheHeaderWouldBeServed(String name) {
        Stored before = stored();

        Answer concepts = kiosk.call("GET", "/api/v1/concepts?" + name + "=" + KioskClient.DEMO_KEY, null, null, null);
        Answer status = kiosk.call("GET", "/api/v1/requests/" + uploadedId + "?" + name + "=" + KioskClient.DEMO_KEY,
                null, null, null);
        Answer preRequest = kiosk.call("POST", "/api/v1/requests?" + name + "=" + KioskClient.DEMO_KEY, null,
                "application/json", "{\"concept\":\"sketch\"}");
        Answer both = kiosk.call("GET", "/api/v1/concepts?" + name + "=" + KioskClient.DEMO_KEY,
                KioskClient.DEMO_KEY, null, null);

        for (Answer answer : List.of(concepts, status, preRequest, both)) {
            assertProblem(answer, 401, "unauthorized");
            assertThat(answer.json().get("detail").asText()).contains("X-Api-Key header");
        }
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aKeyInAFormBodyIsRefusedAndEnqueuesNothing() {
        Stored before = stored();

        Answer urlEncoded = kiosk.call("POST", "/api/v1/requests/" + uploadedId + "/conversion", null,
                "application/x-www-form-urlencoded", "X-Api-Key=" + KioskClient.DEMO_KEY);
        Answer multipart = kiosk.call("POST", "/api/v1/requests/" + uploadedId + "/upload-urls", null,
                "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"X-Api-Key\"\r\n\r\n"
                        + KioskClient.DEMO_KEY + "\r\n--b--\r\n");
        Answer withTheHeaderToo = kiosk.call("POST", "/api/v1/requests/" + uploadedId + "/conversion",
                KioskClient.DEMO_KEY, "application/x-www-form-urlencoded", "status=DONE");

        assertProblem(urlEncoded, 415, "unsupported-media-type");
        assertProblem(multipart, 415, "unsupported-media-type");
        assertProblem(withTheHeaderToo, 415, "unsupported-media-type");
        assertThat(stored()).isEqualTo(before);
        assertThat(kiosk.status(KioskClient.DEMO_KEY, uploadedId).json().get("status").asText())
                .isEqualTo("PRE_REQUESTED");
    }

    @Test
    void anEmptyBodyLabelledAsAFormIsServed() {
        Answer answer = kiosk.call("POST", "/api/v1/requests/" + uploadedId + "/upload-urls", KioskClient.DEMO_KEY,
                "application/x-www-form-urlencoded", "");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("requestId").asText()).isEqualTo(uploadedId);
    }

    // --- API3: broken object property level authorization -----------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "\"requestId\":\"" + UNKNOWN_ID + "\"",
        "\"status\":\"DONE\"",
        "\"vendor\":\"acme\"",
        "\"createdAt\":\"2020-01-01T00:00:00Z\"",
        "\"finishedAt\":\"2020-01-01T00:00:00Z\"",
        "\"idempotencyKey\":\"k\"",
        "\"uploads\":[]",
        "\"results\":[{\"shot\":1,\"status\":\"DONE\",\"url\":\"http://evil.example/\"}]",
        "\"generator\":\"READY\"",
        "\"statusUrl\":\"http://evil.example/\"",
        "\"__proto__\":{\"admin\":true}",
        "\"@class\":\"java.net.URL\"",
    })
    void aPreRequestThatSetsAFieldTheServerOwnsIsRefusedAndStoresNothing(String field) {
        Stored before = stored();

        Answer answer = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"," + field + "}");

        assertProblem(answer, 400, "malformed-request");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aBodyOnTheMainRequestOrTheUploadUrlsChangesNothing() {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":2}");
        String requestId = pre.json().get("requestId").asText();
        String forged = "{\"status\":\"DONE\",\"shots\":1,\"concept\":\"toon\",\"vendor\":\"acme\",\"requestId\":\""
                + uploadedId + "\"}";
        Stored before = stored();

        Answer conversion = kiosk.call("POST", "/api/v1/requests/" + requestId + "/conversion", KioskClient.DEMO_KEY,
                "application/json", forged);
        Answer uploadUrls = kiosk.call("POST", "/api/v1/requests/" + requestId + "/upload-urls", KioskClient.DEMO_KEY,
                "application/json", forged);

        assertProblem(conversion, 409, "uploads-missing");
        assertThat(uploadUrls.status()).isEqualTo(200);
        assertThat(uploadUrls.json().get("requestId").asText()).isEqualTo(requestId);
        assertThat(uploadUrls.json().get("uploads")).hasSize(2);
        assertThat(stored()).isEqualTo(before);
        JsonNode status = kiosk.status(KioskClient.DEMO_KEY, requestId).json();
        assertThat(status.get("status").asText()).isEqualTo("PRE_REQUESTED");
        assertThat(status.get("concept").asText()).isEqualTo("sketch");
        assertThat(status.get("shots").asInt()).isEqualTo(2);
    }

    @Test
    void queryParametersAndHeadersNamedLikeTheServersOwnAreIgnored() {
        Answer concepts = kiosk.call("GET", "/api/v1/concepts?vendor=acme", KioskClient.DEMO_KEY, null, null);
        RawAnswer conceptsByHeader = SecurityProbes.raw(port, "GET /api/v1/concepts HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Api-Key: " + KioskClient.DEMO_KEY + "\r\nvendor: acme\r\n", "");
        Answer status = kiosk.call("GET", "/api/v1/requests/" + uploadedId + "?requestId=" + UNKNOWN_ID
                + "&CamelJdbcMaxRows=1&vendor=acme", KioskClient.DEMO_KEY, null, null);
        RawAnswer statusByHeaders = SecurityProbes.raw(port, "GET /api/v1/requests/" + uploadedId
                + " HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + KioskClient.DEMO_KEY + "\r\nCamelJdbcMaxRows: 1\r\n"
                + "requestStatus: DONE\r\nshots: 1\r\n", "");
        Stored before = stored();
        Answer preRequest = kiosk.call("POST", "/api/v1/requests?concept=watercolor&shots=4&vendor=acme"
                + "&photoContentType=image/png", KioskClient.DEMO_KEY, "application/json", "{\"concept\":\"toon\"}");

        assertThat(concepts.json().get("concepts")).as("demo's three concepts, not acme's two").hasSize(3);
        assertThat(conceptsByHeader.body()).contains("\"watercolor\"");
        assertThat(status.json().get("requestId").asText()).isEqualTo(uploadedId);
        assertThat(status.json().get("results")).as("CamelJdbcMaxRows did not reach camel-jdbc").hasSize(3);
        assertThat(statusByHeaders.body()).contains("\"shots\":3").contains("\"status\":\"PRE_REQUESTED\"");
        assertThat(preRequest.status()).isEqualTo(201);
        assertThat(preRequest.json().get("concept").asText()).isEqualTo("toon");
        assertThat(preRequest.json().get("shots").asInt()).isEqualTo(1);
        assertThat(preRequest.json().get("contentType").asText()).isEqualTo("image/jpeg");
        assertThat(preRequest.json().get("uploads").get(0).get("url").asText()).contains("/uploads/local/demo/");
        assertThat(stored().requests()).isEqualTo(before.requests() + 1);
    }

    @Test
    void answersCarryTheDocumentedMembersOnlyAndNoInternalHeader() throws Exception {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
        Answer status = kiosk.status(KioskClient.DEMO_KEY, convertedId);
        Answer uploadUrls = kiosk.uploadUrls(KioskClient.DEMO_KEY, pre.json().get("requestId").asText());
        Answer share = kiosk.share(KioskClient.DEMO_KEY, convertedId);
        Answer problem = kiosk.status(KioskClient.DEMO_KEY, UNKNOWN_ID);

        assertThat(fields(pre.json())).containsExactlyInAnyOrder("requestId", "concept", "shots", "status",
                "generator", "contentType", "uploads", "conversionUrl", "statusUrl");
        assertThat(fields(pre.json().get("uploads").get(0))).containsExactlyInAnyOrder("shot", "url", "method",
                "headers", "expiresAt");
        assertThat(fields(status.json())).containsExactlyInAnyOrder("requestId", "concept", "shots", "contentType",
                "status", "createdAt", "finishedAt", "deadlineSeconds", "deadlineAt", "refundEligible", "results",
                "statusUrl");
        assertThat(fields(status.json().get("results").get(0))).containsExactlyInAnyOrder("shot", "status", "url",
                "expiresAt");
        assertThat(fields(uploadUrls.json())).containsExactlyInAnyOrder("requestId", "contentType", "uploads");
        assertThat(fields(share.json())).containsExactlyInAnyOrder("requestId", "url", "expiresAt", "qrCode");
        assertThat(fields(problem.json())).containsExactlyInAnyOrder("type", "title", "status", "detail", "instance");
        for (Answer answer : List.of(pre, status, uploadUrls, share, problem)) {
            assertThat(body(answer)).doesNotContain("\"vendor\"", "idempotency", "key_hash", "uploads/local/acme");
        }

        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/v1/requests/" + convertedId))
                .header("X-Api-Key", KioskClient.DEMO_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.headers().map().keySet()).allSatisfy(name -> assertThat(name.toLowerCase()).isIn(
                "content-type", "cache-control", "x-content-type-options", "transfer-encoding", "content-length",
                "date", "connection", "keep-alive"));
    }

    static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // --- header injection and spoofed hosts ------------------------------------------------------

    static Stream<Arguments> injectedHeaders() {
        String pre = "POST /api/v1/requests HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n";
        String key = "X-Api-Key: " + KioskClient.DEMO_KEY + "\r\n";
        return Stream.of(
                Arguments.of("CR in the key", pre + "X-Api-Key: demo-local-key\rSet-Cookie: a=b\r\n", 400),
                Arguments.of("NUL in the key", pre + "X-Api-Key: demo-local-key\0\r\n", 400),
                Arguments.of("a control character in the key", pre + "X-Api-Key: demo-\u0001local-key\r\n", 400),
                Arguments.of("a folded key", pre + "X-Api-Key: demo-local-key\r\n folded\r\n", 401),
                Arguments.of("DEL in the Idempotency-Key", pre + key + "Idempotency-Key: a\u007fb\r\n", 400),
                Arguments.of("a tab in the Idempotency-Key", pre + key + "Idempotency-Key: a\tb\r\n", 400),
                Arguments.of("Latin-1 in the Idempotency-Key", pre + key + "Idempotency-Key: caf\u00e9\r\n", 400),
                Arguments.of("a 20 KB key", pre + "X-Api-Key: " + "k".repeat(20_000) + "\r\n", 400),
                Arguments.of("200 headers", pre + key + "X-Filler: a\r\n".repeat(200), 400),
                Arguments.of("two Host headers", pre + key + "Host: evil.example\r\n", 400));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("injectedHeaders")
    void aHeaderWithInjectedBytesIsRefusedAndNothingIsEchoedOrStored(String what, String head, int status) {
        Stored before = stored();

        RawAnswer answer = SecurityProbes.raw(port, head, "{\"concept\":\"sketch\"}");

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.headers().get("content-type")).singleElement().asString()
                .startsWith("application/problem+json");
        assertThat(answer.hasHeader("set-cookie")).isFalse();
        assertThat(answer.body()).doesNotContain("demo-local-key", "evil.example", "Set-Cookie");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aCrlfAfterAHeaderStartsAnotherRequestHeaderAndNeverAnAnswerHeader() {
        RawAnswer answer = SecurityProbes.raw(port, "GET /api/v1/requests/" + UNKNOWN_ID
                + "%0D%0ASet-Cookie:%20a=b HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + KioskClient.DEMO_KEY
                + "\r\nSet-Cookie: c=d\r\n", "");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.hasHeader("set-cookie")).isFalse();
        assertThat(answer.body()).contains("urn:photobooth:problem:unknown-request")
                .doesNotContain("\r\nSet-Cookie", "\nSet-Cookie");
    }

    @Test
    void theShareLinkFollowsTheHostCalledButNoForwardedHeaderWhereNoPublicUrlIsSet() {
        RawAnswer forwarded = SecurityProbes.raw(port, "GET /api/v1/requests/" + convertedId + "/share HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\nX-Api-Key: " + KioskClient.DEMO_KEY + "\r\n"
                + "X-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Port: 443\r\n"
                + "Forwarded: host=evil.example;proto=https\r\nX-Original-URL: /admin\r\n", "");
        RawAnswer status = SecurityProbes.raw(port, "GET /api/v1/requests/" + convertedId + " HTTP/1.1\r\n"
                + "Host: evil.example\r\nX-Api-Key: " + KioskClient.DEMO_KEY + "\r\nX-Forwarded-Host: evil.example\r\n",
                "");
        RawAnswer malformedHost = SecurityProbes.raw(port, "GET /api/v1/requests/" + convertedId + "/share HTTP/1.1\r\n"
                + "Host: evil.example/path?\r\nX-Api-Key: " + KioskClient.DEMO_KEY + "\r\n", "");

        assertThat(forwarded.status()).isEqualTo(200);
        assertThat(forwarded.body()).contains("\"url\":\"http://127.0.0.1:" + port + "/s/").doesNotContain("evil");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body()).as("statusUrl is a path; result URLs name the S3 endpoint")
                .contains("\"statusUrl\":\"/api/v1/requests/" + convertedId + "\"")
                .contains("\"url\":\"http://127.0.0.1:").doesNotContain("evil");
        assertThat(malformedHost.status()).isEqualTo(400);
        assertThat(malformedHost.body()).contains("urn:photobooth:problem:malformed-request").doesNotContain("evil");
    }

    // --- API5 and API8: functions and internals shown to anyone -----------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/env", "/actuator/configprops", "/actuator/beans", "/actuator/heapdump",
        "/actuator/threaddump", "/actuator/loggers", "/actuator/mappings", "/actuator/metrics",
        "/actuator/scheduledtasks", "/actuator/camelroutes", "/actuator/jolokia", "/actuator/logfile",
        "/actuator/flyway", "/actuator/shutdown", "/error", "/application.yaml", "/kiosk/../application.yaml",
        "/api/v1/openapi.yaml", "/v3/api-docs", "/api/v1/admin", "/api/v1/vendors", "/api/v1/requests/all"})
    void noAdministrativeEndpointOrFileIsServed(String path) {
        for (String method : List.of("GET", "POST")) {
            Answer answer = kiosk.call(method, path, KioskClient.DEMO_KEY, null, null);

            assertThat(answer.status()).as("%s %s", method, path).isIn(404, 405);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("type").asText()).isIn("urn:photobooth:problem:not-found",
                    "urn:photobooth:problem:method-not-allowed", "urn:photobooth:problem:unknown-request");
        }
    }

    /**
     * Health, info and Prometheus are exposed (Prometheus only where metrics are exported, which
     * Spring Boot's tests leave off unless a test asks for it: {@code MetricsTest} reads it).
     */
    @Test
    void theActuatorShowsHealthInfoAndMetricsOnlyAndNoSecret() {
        Answer index = kiosk.get("/actuator");
        Answer health = kiosk.get("/actuator/health");
        Answer info = kiosk.get("/actuator/info");

        assertThat(fields(index.json().get("_links"))).contains("self", "health", "info")
                .isSubsetOf("self", "health", "health-path", "info", "prometheus");
        assertThat(health.status()).isEqualTo(200);
        assertThat(info.status()).isEqualTo(200);
        List<String> secrets = new ArrayList<>(List.of(KioskClient.DEMO_KEY, KioskClient.ACME_KEY,
                ApiKeys.hash(KioskClient.DEMO_KEY), ApiKeys.hash(KioskClient.ACME_KEY),
                properties.kiosk().share().secret(), "local-secret-key", "local-access-key", "local-sketch",
                uploadedId, convertedId, "password", "jdbc:"));
        for (Answer answer : List.of(index, health, info)) {
            assertThat(body(answer)).doesNotContainIgnoringCase(secrets.toArray(String[]::new));
        }
    }

    @Test
    void noRefusalShowsAStackTraceOrTheServersInternals() {
        List<Answer> refusals = List.of(
                kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":\"x\"}"),
                kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":"),
                kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":1e999}"),
                kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"contentType\":{\"a\":1}}"),
                kiosk.preRequest(KioskClient.DEMO_KEY, "[" .repeat(5000)),
                kiosk.preRequest(KioskClient.DEMO_KEY, "\"\\ud800\""),
                kiosk.call("POST", "/api/v1/requests", KioskClient.DEMO_KEY, "application/json; charset=x-unknown",
                        "{\"concept\":\"sketch\"}"),
                kiosk.call("GET", "/api/v1/requests/" + UNKNOWN_ID + "/events", KioskClient.DEMO_KEY, null, null),
                kiosk.call("PUT", "/api/v1/requests", KioskClient.DEMO_KEY, "application/json", "{}"),
                kiosk.call("GET", "/api/v1/requests/%2e%2e%2f", KioskClient.DEMO_KEY, null, null),
                kiosk.call("GET", "/api/v1/requests/%00", KioskClient.DEMO_KEY, null, null),
                kiosk.get("/s/" + "A".repeat(44), "application/json"),
                kiosk.get("/error"));

        for (Answer refusal : refusals) {
            assertThat(refusal.status()).as(body(refusal)).isBetween(400, 499);
            assertThat(refusal.contentType()).startsWith("application/problem+json");
            assertThat(body(refusal)).doesNotContain("Exception", "\tat ", "org.apache", "java.", "springframework",
                    "jackson", "Tomcat", "SQL", "postgres");
        }
    }

    @Test
    void everyAnswerSaysNosniffAndTheApiSaysNoStore() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (String path : List.of("/api/v1/concepts", "/api/v1/requests/" + convertedId, "/api/v1/openapi.json",
                "/api/v1/requests/" + UNKNOWN_ID, "/api/v1/nothing", "/s/not-a-token", "/kiosk/", "/actuator/health",
                "/api/v1/requests/%2F")) {
            answers.add(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("X-Api-Key", KioskClient.DEMO_KEY).build(), HttpResponse.BodyHandlers.ofString()));
        }
        answers.add(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/requests"))
                .header("X-Api-Key", KioskClient.DEMO_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(20_000))).build(),
                HttpResponse.BodyHandlers.ofString()));

        String share = kiosk.share(KioskClient.DEMO_KEY, convertedId).json().get("url").asText();
        HttpResponse<String> sharePage = http.send(HttpRequest.newBuilder(URI.create(share)).header("Accept", HTML)
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> events = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/requests/" + convertedId + "/events")).header("X-Api-Key", KioskClient.DEMO_KEY)
                .build(), HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> answer : answers) {
            assertThat(answer.headers().allValues("X-Content-Type-Options")).as(answer.uri().toString())
                    .containsExactly("nosniff");
            assertThat(answer.headers().firstValue("Server")).isEmpty();
            assertThat(answer.headers().firstValue("X-Powered-By")).isEmpty();
            if (answer.uri().getPath().startsWith("/api/")) {
                assertThat(answer.headers().allValues("Cache-Control")).as(answer.uri().toString())
                        .containsExactly("no-store");
            }
        }
        assertThat(answers.get(6).headers().allValues("Cache-Control")).as("the kiosk page is revalidated")
                .containsExactly("no-cache");
        assertThat(sharePage.statusCode()).isEqualTo(200);
        assertThat(sharePage.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(sharePage.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.headers().allValues("Cache-Control")).as("the event stream").containsExactly("no-cache");
    }

    /**
     * API9, improper inventory: every path the web server maps is the kiosk API (whose document
     * {@code OpenApiDocumentTest} checks against the REST verbs; the document's route matches on
     * its prefix), the download link, the kiosk page, the actuator's health and info (and
     * Prometheus where metrics are exported, not in tests) or the error page. Spring Boot's default
     * {@code /**} and {@code /webjars/**}, which would serve the static folders of every jar on the
     * class path, are off.
     */
    @Test
    void theWebServerMapsTheDocumentedPathsOnly() {
        Set<String> mapped = new TreeSet<>();
        for (var mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            mapping.getHandlerMethods().keySet().forEach(info -> mapped.addAll(info.getPatternValues()));
        }
        for (var mapping : context.getBeansOfType(SimpleUrlHandlerMapping.class).values()) {
            mapped.addAll(mapping.getUrlMap().keySet());
        }

        assertThat(mapped).containsExactlyInAnyOrder(
                "/api/v1/requests", "/api/v1/requests/{requestId}", "/api/v1/requests/{requestId}/upload-urls",
                "/api/v1/requests/{requestId}/conversion", "/api/v1/requests/{requestId}/events",
                "/api/v1/requests/{requestId}/share", "/api/v1/requests/{requestId}/audit",
                "/api/v1/requests/{requestId}/callbacks", "/api/v1/usage", "/api/v1/concepts",
                "/api/v1/openapi.json/{*matchOnUriPrefix}",
                "/s/{token}", "/kiosk", "/kiosk/", "/kiosk/**",
                "/actuator", "/actuator/health", "/actuator/health/**", "/actuator/info",
                "/error");
    }

    @Test
    void anotherOriginMayNeitherPreflightNorReadTheApi() {
        RawAnswer preflight = SecurityProbes.raw(port, "OPTIONS /api/v1/requests HTTP/1.1\r\nHost: localhost\r\n"
                + "Origin: https://evil.example\r\nAccess-Control-Request-Method: POST\r\n"
                + "Access-Control-Request-Headers: x-api-key,content-type\r\n", "");
        RawAnswer simple = SecurityProbes.raw(port, "GET /api/v1/concepts HTTP/1.1\r\nHost: localhost\r\n"
                + "Origin: https://evil.example\r\nX-Api-Key: " + KioskClient.DEMO_KEY + "\r\n", "");

        assertThat(preflight.status()).isEqualTo(403);
        for (RawAnswer answer : List.of(preflight, simple)) {
            assertThat(answer.hasHeader("access-control-allow-origin")).isFalse();
            assertThat(answer.hasHeader("access-control-allow-credentials")).isFalse();
        }
    }

    @Test
    void traceIsRefusedAndOptionsShowsTheMethodsOnly() {
        RawAnswer trace = SecurityProbes.raw(port, "TRACE /api/v1/concepts HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Api-Key: " + KioskClient.DEMO_KEY + "\r\n", "");
        RawAnswer options = SecurityProbes.raw(port, "OPTIONS /api/v1/requests/" + convertedId + " HTTP/1.1\r\n"
                + "Host: localhost\r\n", "");

        assertThat(trace.status()).isEqualTo(405);
        assertThat(trace.body()).doesNotContain(KioskClient.DEMO_KEY);
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.headers().get("allow")).singleElement().asString().doesNotContain("TRACE");
        assertThat(options.body()).isEmpty();
    }
}
