package io.photobooth.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.photobooth.support.KioskClient;
import io.photobooth.support.LocalIntegrationTest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What fuzzing the API ({@link HostileInputApiTest}) found answered {@code 500}, each a documented
 * refusal now: a body with bytes that are no UTF-8 (Camel read a body of a declared length through
 * the servlet's reader, and failed), an {@code Accept} header an endpoint cannot serve (Spring's
 * 406, which the error controller turned into an internal error; one that is no list of media types
 * made the download page's answer a race), and a malformed form body of a PUT, PATCH or DELETE
 * (Spring's form filter parsed it before any route, and failed).
 */
@LocalIntegrationTest
class HostileInputFindingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNKNOWN_ID = "3f2b8c1e-0d4a-4b7e-9a61-2c5d8e9f0a1b";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> send(String method, String path, String contentType, String accept, byte[] body,
            boolean chunked) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-Api-Key", KioskClient.DEMO_KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String type) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:photobooth:problem:" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0}, chunked: {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
        "application/json                    | false | 400 | unknown-concept",
        "application/json                    | true  | 400 | unknown-concept",
        "application/json; charset=ISO-8859-1 | false | 400 | unknown-concept",
        "application/json; charset=nonsense  | false | 415 | unsupported-media-type",
    })
    void shouldRefuseAPreRequestWhoseBodyIsNoUtf8(String contentType, boolean chunked, int status, String type)
            throws Exception {
        byte[] body = "{\"concept\":\"sk\u00c0\u00afetch\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertProblem(send("POST", "/api/v1/requests", contentType, null, body, chunked), status, type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/conversion", "/upload-urls"})
    void shouldIgnoreABinaryBodyWhereNoneIsRead(String suffix) throws Exception {
        byte[] binary = {(byte) 0xE1, (byte) 0xF8, 'x', (byte) 0x80, 0};

        assertProblem(send("POST", "/api/v1/requests/" + UNKNOWN_ID + suffix, "application/octet-stream", null, binary,
                false), 404, "unknown-request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
    void shouldRefuseAMalformedFormBodyOfAnyMethodAsUnsupported(String method) throws Exception {
        byte[] form = {'a', '=', '%', 'z', 'z', (byte) 0xE5, (byte) 0xDE};

        assertProblem(send(method, "/api/v1/requests/" + UNKNOWN_ID + "/upload-urls", "application/x-www-form-urlencoded",
                null, form, false), 415, "unsupported-media-type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/nothing", "/api/v1/requests/", "/api/v1/requests/;/share", "/api/v1/concepts"})
    void shouldRefuseAWildcardContentTypeOnEveryPath(String path) throws Exception {
        // Spring's reading of the headers threw on one where no route answers: 500
        for (String wildcard : new String[] {"*/*", "image/*", "application/*;charset=UTF-8"}) {
            assertProblem(send("GET", path, wildcard, null, "{}".getBytes(StandardCharsets.UTF_8), false), 415,
                    "unsupported-media-type");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", ";;;", "text/html;;q=x", "application/json, /",
        "*/*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*,"
            + " */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*, */*,"
            + " */*, */*, */*, */*, */*, */*, */*, */*, */*, */*"})
    void shouldRefuseAnAcceptHeaderThatIsNoListOfMediaTypesTheSameWayEachTime(String accept) throws Exception {
        // the download page's answer to one was a race of 200, 404 and 406, with or without its content type
        for (int i = 0; i < 20; i++) {
            assertProblem(send("GET", "/s/Af_MqKDQzEekpzTN3", null, accept, null, false), 406, "not-acceptable");
            assertProblem(send("GET", "/api/v1/concepts", null, accept, null, false), 406, "not-acceptable");
        }
    }

    @ParameterizedTest(name = "{0} {1}, Accept: {2}")
    @CsvSource(delimiter = '|', value = {
        "GET  | /api/v1/concepts                 | text/html",
        "GET  | /api/v1/concepts                 | image/png",
        "GET  | /api/v1/concepts                 | application/problem+json",
        "GET  | /api/v1/concepts                 | ;;;",
        "GET  | /api/v1/requests/" + UNKNOWN_ID + "        | application/xml",
        "GET  | /api/v1/requests/" + UNKNOWN_ID + "/events | application/json",
        "POST | /api/v1/requests                 | text/html",
    })
    void shouldRefuseAnAcceptHeaderTheEndpointCannotServeAsNotAcceptable(String method, String path, String accept)
            throws Exception {
        byte[] body = method.equals("POST") ? "{\"concept\":\"sketch\"}".getBytes(StandardCharsets.UTF_8) : null;

        assertProblem(send(method, path, body == null ? null : "application/json", accept, body, false), 406,
                "not-acceptable");
    }
}
