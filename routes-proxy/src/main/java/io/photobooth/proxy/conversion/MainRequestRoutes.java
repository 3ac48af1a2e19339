package io.photobooth.proxy.conversion;

import io.photobooth.contract.ShotStatus;
import io.photobooth.kiosk.JsonAnswer;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.kiosk.RequestAnswer;
import io.photobooth.proxy.KioskErrors;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.RequestSql;
import io.photobooth.proxy.fleet.WarmGeneratorRoutes;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.jdbc.JdbcConstants;
import org.springframework.stereotype.Component;

/**
 * {@code main-request}: the photos are uploaded. Checks that every shot is in S3, claims the
 * request in the database (so a retried call never enqueues twice) and starts its deadline, sends
 * one SQS job per shot, carrying the deadline, to
 * the {@code {env}-{vendor}-{concept}} queue, warms the concept's generators (the enqueue is
 * activity that defers their idle stop, and they are started if they were stopped since the
 * pre-request), then holds the kiosk until the completion subscriber
 * reports the request finished or the conversion timeout passes. The answer is always read from
 * the database: {@code 200} once finished, {@code 202} with the status URL while still converting.
 */
@Component
@ProxyRole
public class MainRequestRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "main-request";
    public static final String ENDPOINT = "direct:main-request";
    public static final String ENQUEUE_ROUTE_ID = "enqueue-shots";
    public static final String ENQUEUE_ENDPOINT = "direct:enqueue-shots";

    @Override
    public void configure() {
        Predicate finished = exchange -> exchange.getMessage().getBody(RequestAnswer.class).finished();
        Predicate notYetQueued = exchange -> {
            ShotStatus status = exchange.getMessage().getBody(RequestAnswer.class).status();
            return status == ShotStatus.PRE_REQUESTED || status == ShotStatus.UPLOADED;
        };

        from(ENDPOINT).routeId(ROUTE_ID).routeConfigurationId(KioskErrors.ID)
                .process("vendorAuthenticator").id("main-request-authenticate")
                .process("requestIdCheck").id("main-request-check-id")
                .setBody(constant(RequestSql.SELECT_REQUEST))
                .to(RequestSql.JDBC).id("main-request-load")
                .process("requestAnswerer").id("main-request-read")
                .choice()
                    .when(finished)
                        .log("Request ${header.requestId} is already ${body.status}")
                    .otherwise()
                        .setHeader(KioskHeaders.CONCEPT, simple("${body.concept}"))
                        .setHeader(KioskHeaders.SHOTS, simple("${body.shots}"))
                        .setHeader(KioskHeaders.PHOTO_CONTENT_TYPE, simple("${body.contentType}"))
                        .setHeader(KioskHeaders.DEADLINE_SECONDS, simple("${body.deadlineSeconds}"))
                        .filter(notYetQueued)
                            .to(ENQUEUE_ENDPOINT).id("enqueue")
                        .end()
                        .toD(WarmGeneratorRoutes.endpointOfConcept()).id("ensure-generator-started")
                        .process("completionWait").id("await-completion")
                        .setBody(constant(RequestSql.SELECT_REQUEST))
                        .to(RequestSql.JDBC).id("reload-request")
                        .process("requestAnswerer").id("read-outcome")
                .end()
                .process(JsonAnswer.ofRequest()).id("main-request-answer");

        // failures propagate to main-request, whose kiosk-errors configuration answers them
        from(ENQUEUE_ENDPOINT).routeId(ENQUEUE_ROUTE_ID).errorHandler(noErrorHandler())
                .setHeader(AWS2S3Constants.PREFIX, method("uploadVerifier", "prefixOf"))
                .to("aws2-s3://{{photobooth.bucket}}?operation=listObjects").id("list-uploads")
                .process("uploadVerifier").id("verify-uploads")
                .process("requestDeadline").id("start-deadline")
                .setHeader(RequestSql.ACTOR, simple(RequestSql.PROXY_ACTOR))
                .setBody(constant(RequestSql.CLAIM_FOR_QUEUE))
                .to(RequestSql.JDBC).id("claim-request")
                .filter(header(JdbcConstants.JDBC_UPDATE_COUNT).isGreaterThan(0))
                    .bean("requestEventSignals", "signal(${header.requestId})").id("wake-queued-streams")
                    .bean("conversionWaiters", "register(${header.requestId})").id("register-waiter")
                    .doTry()
                        .process("jobBatch").id("build-jobs")
                        .toD("aws2-sqs://${header.queue}?operation=sendBatchMessage&autoCreateQueue=false"
                                + "&headerFilterStrategy=#jobsCarryNoHeaders")
                            .id("send-jobs")
                        .process("batchSendCheck").id("check-sent")
                    .doCatch(Exception.class)
                        .setBody(constant(RequestSql.RELEASE_CLAIM))
                        .to(RequestSql.JDBC).id("release-claim")
                        .bean("conversionWaiters", "forget(${header.requestId})")
                        .process(MainRequestRoutes::rethrow)
                    .end()
                .end();
    }

    private static void rethrow(Exchange exchange) throws Exception {
        throw exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }
}
