package io.photobooth.proxy.api;

import java.util.stream.IntStream;

import io.photobooth.audit.AuditTrail;
import io.photobooth.callback.CallbackLog;
import io.photobooth.events.SseFrames;
import io.photobooth.kiosk.ApiPaths;
import io.photobooth.kiosk.ConceptLister;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.kiosk.PreRequest;
import io.photobooth.kiosk.PreRequestAnswer;
import io.photobooth.kiosk.RequestAnswer;
import io.photobooth.kiosk.UploadUrlsResponder;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.audit.AuditTrailRoutes;
import io.photobooth.proxy.callback.CallbackLogRoutes;
import io.photobooth.proxy.conversion.MainRequestRoutes;
import io.photobooth.proxy.events.RequestEventRoutes;
import io.photobooth.proxy.prerequest.PreRequestRoutes;
import io.photobooth.proxy.share.ShareRoutes;
import io.photobooth.proxy.status.RequestStatusRoutes;
import io.photobooth.proxy.uploads.UploadUrlsRoutes;
import io.photobooth.proxy.usage.UsageRoutes;
import io.photobooth.share.ShareLink;
import io.photobooth.usage.Usage;
import io.photobooth.usage.UsageCsv;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/**
 * The kiosk HTTP API on platform-http. It only binds verbs to the flow routes; each verb is a route
 * of its own with a stable id ({@code kiosk-api-*}), and the flows stay separate routes
 * ({@code inlineRoutes(false)}) so that tests can advise them by id.
 */
@Component
@ProxyRole
public class KioskApiRoutes extends RouteBuilder {

    public static final String PRE_REQUEST = "kiosk-api-pre-request";
    public static final String CONVERSION = "kiosk-api-conversion";
    public static final String UPLOAD_URLS = "kiosk-api-upload-urls";
    public static final String STATUS = "kiosk-api-status";
    public static final String AUDIT = "kiosk-api-audit";
    public static final String EVENTS = "kiosk-api-events";
    public static final String CONCEPTS = "kiosk-api-concepts";
    public static final String SHARE = "kiosk-api-share";
    public static final String CALLBACKS = "kiosk-api-callbacks";
    public static final String OPENAPI = "kiosk-api-openapi";
    public static final String USAGE = "kiosk-api-usage";

    /** The OpenAPI security scheme of the vendor's key. */
    static final String API_KEY = "vendorApiKey";
    private static final String PROBLEM = "RFC 9457 problem+json; see docs/api.md for its type";

    @Override
    public void configure() {
        restConfiguration()
                .component("platform-http")
                .bindingMode(RestBindingMode.off)
                .inlineRoutes(false)
                .apiContextPath(ApiPaths.BASE + "/openapi.json")
                .apiContextRouteId(OPENAPI)
                .apiProperty("api.title", "Photobooth kiosk API")
                .apiProperty("api.version", "1");

        RestDefinition api = rest(ApiPaths.BASE)
                .description("Kiosk API: authenticate every call with the vendor's X-Api-Key header")
                .securityDefinitions()
                    .apiKey(API_KEY, "The vendor's kiosk API key").withHeader(KioskHeaders.API_KEY).end()
                .end();

        api.post("/requests").routeId(PRE_REQUEST).id("preRequest")
                .description("Pre-request: record a paid conversion, start its generator, presign the uploads."
                        + " An Idempotency-Key header makes a repeat return the same request (200).")
                .consumes("application/json").produces("application/json")
                .type(PreRequest.class).outType(PreRequestAnswer.class);
        answers(api, 201, "Recorded: the upload URLs", 200, "The same request, for a repeated Idempotency-Key");
        problems(api, 400, 401, 413, 415, 422, 429).to(PreRequestRoutes.ENDPOINT);

        api.post("/requests/{requestId}/upload-urls").routeId(UPLOAD_URLS).id("refreshUploadUrls")
                .description("Fresh presigned upload URLs for a request whose uploads are still open")
                .produces("application/json").outType(UploadUrlsResponder.UploadUrls.class);
        answers(api, 200, "Fresh upload URLs");
        problems(api, 401, 404, 409, 429).to(UploadUrlsRoutes.ENDPOINT);

        api.post("/requests/{requestId}/conversion").routeId(CONVERSION).id("convert")
                .description("Main request: enqueue the uploaded shots and wait for their results")
                .produces("application/json").outType(RequestAnswer.class);
        answers(api, 200, "Finished: DONE with result URLs, or FAILED/EXPIRED with reasons",
                202, "Still converting when the conversion timeout passed: poll statusUrl");
        problems(api, 401, 404, 409, 429).to(MainRequestRoutes.ENDPOINT);

        api.get("/requests/{requestId}").routeId(STATUS).id("getRequest")
                .description("The stored status of a request, with fresh result URLs once done")
                .produces("application/json").outType(RequestAnswer.class);
        answers(api, 200, "The request as stored");
        problems(api, 401, 404, 429).to(RequestStatusRoutes.STATUS_ENDPOINT);

        api.get("/requests/{requestId}/audit").routeId(AUDIT).id("getRequestAudit")
                .description("The request's audit trail: every state change of the request and its shots, when,"
                        + " and by which proxy or generator instance")
                .produces("application/json").outType(AuditTrail.class);
        answers(api, 200, "The changes, oldest first");
        problems(api, 401, 404, 429).to(AuditTrailRoutes.ENDPOINT);

        api.get("/requests/{requestId}/events").routeId(EVENTS).id("streamRequestEvents")
                .description("The request's progress as Server-Sent Events (queued, processing, shot-done, done,"
                        + " failed); a Last-Event-ID header resumes after that event")
                .produces(SseFrames.CONTENT_TYPE);
        answers(api, 200, "The event stream; it ends once the request is finished");
        problems(api, 401, 404, 429).to(RequestEventRoutes.ENDPOINT);

        api.get("/requests/{requestId}/share").routeId(SHARE).id("shareResults")
                .description("The customer's download link of a request with a converted shot: a short-lived URL"
                        + " that a phone opens without a key, and its QR code as a PNG data URL")
                .produces("application/json").outType(ShareLink.class);
        answers(api, 200, "The link, its expiry and its QR code");
        problems(api, 401, 404, 409, 429).to(ShareRoutes.LINK_ENDPOINT);

        api.get("/requests/{requestId}/callbacks").routeId(CALLBACKS).id("listRequestCallbacks")
                .description("The request's callback deliveries to the vendor's receiver (done, failed, expired)"
                        + " and every attempt of each: when, the HTTP status answered or the error, how long")
                .produces("application/json").outType(CallbackLog.Deliveries.class);
        answers(api, 200, "The deliveries and their attempts; none when the vendor has no callback");
        problems(api, 401, 404, 429).to(CallbackLogRoutes.ENDPOINT);

        api.get("/concepts").routeId(CONCEPTS).id("listConcepts")
                .description("The vendor's concepts and their generators' state")
                .produces("application/json").outType(ConceptLister.Concepts.class);
        answers(api, 200, "The vendor's concepts");
        problems(api, 401, 429).to(RequestStatusRoutes.CONCEPTS_ENDPOINT);

        api.get("/usage").routeId(USAGE).id("getUsage")
                .description("The vendor's own usage per UTC day and concept (docs/vendors.md#usage): as JSON, or as"
                        + " a CSV attachment with Accept: text/csv or format=csv")
                .produces("application/json," + UsageCsv.MEDIA_TYPE).outType(Usage.class)
                .param().name("from").type(RestParamType.query).required(true).dataType("string")
                    .description("The first UTC day, YYYY-MM-DD").endParam()
                .param().name("to").type(RestParamType.query).required(true).dataType("string")
                    .description("The last UTC day, YYYY-MM-DD, at most 366 days from the first").endParam()
                .param().name("format").type(RestParamType.query).required(false).dataType("string")
                    .allowableValues("json", "csv").description("json or csv; without it, Accept decides").endParam();
        answers(api, 200, "The usage rows and totals, or the same rows as CSV");
        problems(api, 400, 401, 429).to(UsageRoutes.ENDPOINT);
    }

    /** Documents the last verb's successful answers as (code, description) pairs, and its security. */
    private static RestDefinition answers(RestDefinition api, Object... codesAndDescriptions) {
        api.security(API_KEY);
        for (int i = 0; i < codesAndDescriptions.length; i += 2) {
            api.responseMessage().code((Integer) codesAndDescriptions[i])
                    .message((String) codesAndDescriptions[i + 1]).endResponseMessage();
        }
        return api;
    }

    /**
     * Documents the problem answers the last verb may give, besides those every verb may give: 406
     * (an Accept header it cannot serve) and 503 (a service it needs is unreachable; Retry-After).
     */
    private static RestDefinition problems(RestDefinition api, int... codes) {
        IntStream.concat(IntStream.of(codes), IntStream.of(406, 503)).sorted().forEach(code ->
                api.responseMessage().code(code).message(PROBLEM).endResponseMessage());
        return api;
    }
}
