package io.photobooth.proxy.api;

import io.photobooth.kiosk.ApiPaths;
import io.photobooth.kiosk.ConceptLister;
import io.photobooth.kiosk.PreRequest;
import io.photobooth.kiosk.PreRequestAnswer;
import io.photobooth.kiosk.RequestAnswer;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.completion.CompletionSubscriberRoutes;
import io.photobooth.proxy.conversion.MainRequestRoutes;
import io.photobooth.proxy.prerequest.PreRequestRoutes;
import io.photobooth.proxy.status.RequestStatusRoutes;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
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
    public static final String STATUS = "kiosk-api-status";
    public static final String CONCEPTS = "kiosk-api-concepts";
    public static final String OPENAPI = "kiosk-api-openapi";

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

        rest(ApiPaths.BASE)
                .description("Kiosk API: authenticate every call with the vendor's X-Api-Key header")
                .post("/requests").routeId(PRE_REQUEST)
                    .description("Pre-request: record a paid conversion, start its generator, presign the uploads")
                    .consumes("application/json").produces("application/json")
                    .type(PreRequest.class).outType(PreRequestAnswer.class)
                    .to(PreRequestRoutes.ENDPOINT)
                .post("/requests/{requestId}/conversion").routeId(CONVERSION)
                    .description("Main request: enqueue the uploaded shots and wait for their results")
                    .produces("application/json").outType(RequestAnswer.class)
                    .to(MainRequestRoutes.ENDPOINT)
                .get("/requests/{requestId}").routeId(STATUS)
                    .description("The stored status of a request, with fresh result URLs once done")
                    .produces("application/json").outType(RequestAnswer.class)
                    .to(RequestStatusRoutes.STATUS_ENDPOINT)
                .get("/concepts").routeId(CONCEPTS)
                    .description("The vendor's concepts and their generators' state")
                    .produces("application/json").outType(ConceptLister.Concepts.class)
                    .to(RequestStatusRoutes.CONCEPTS_ENDPOINT);
    }

    /** Every route of the proxy role, by id, for tests and operations. */
    public static String[] proxyRouteIds() {
        return new String[] {PRE_REQUEST, CONVERSION, STATUS, CONCEPTS, OPENAPI, PreRequestRoutes.ROUTE_ID,
            MainRequestRoutes.ROUTE_ID, MainRequestRoutes.ENQUEUE_ROUTE_ID, RequestStatusRoutes.STATUS_ROUTE_ID,
            RequestStatusRoutes.CONCEPTS_ROUTE_ID, CompletionSubscriberRoutes.ROUTE_ID};
    }
}
