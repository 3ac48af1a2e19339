package io.photobooth.proxy.completion;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.VendorConcept;
import io.photobooth.contract.QueueNames;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.ProxyRole;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code dead-letter}: a route template, one route per dead-letter queue
 * ({@code dead-letter-{env}-{vendor}-{concept}}, consuming {@code {env}-{vendor}-{concept}-dlq}).
 * SQS moves a job there after {@code max-receive-count} receives without a result; the proxies
 * (competing consumers) make it the shot's FAILED outcome at once, instead of leaving the kiosk to
 * a timeout: they store the shot's failure record in S3 (which reconciliation reads) and publish the
 * FAILED event (which every proxy's completion subscriber records, waking the kiosks). The message
 * is deleted once the record is stored; the publish is best effort, since the record alone is
 * enough. A message that is not a job is logged and dropped.
 */
@Component
@ProxyRole
public class DeadLetterRoutes extends RouteBuilder {

    public static final String TEMPLATE_ID = "dead-letter";

    private final PhotoboothProperties properties;

    public DeadLetterRoutes(PhotoboothProperties properties) {
        this.properties = properties;
    }

    /** The id of the dead-letter route of a vendor's concept queue. */
    public static String routeId(String env, VendorConcept queue) {
        return TEMPLATE_ID + "-" + QueueNames.jobs(env, queue.vendor(), queue.concept());
    }

    @Override
    public void configure() {
        routeTemplate(TEMPLATE_ID)
                .templateParameter("queue")
                .from("aws2-sqs://{{queue}}"
                        + "?autoCreateQueue=false"
                        + "&waitTimeSeconds={{photobooth.generator.wait-time-seconds}}"
                        + "&maxMessagesPerPoll=10"
                        + "&deleteAfterRead=true")
                .onException(JsonProcessingException.class).handled(true)
                    .log(LoggingLevel.ERROR, "Dropped a dead-letter message that is no conversion job: "
                            + "${exception.message}")
                .end()
                .process("deadLetterAnnouncer").id("read-dead-letter")
                .log(LoggingLevel.WARN, "Shot ${header." + KioskHeaders.SHOT + "} of ${header."
                        + KioskHeaders.REQUEST_ID + "} was dead-lettered: it fails")
                .to("aws2-s3://{{photobooth.bucket}}").id("store-dead-letter-failure")
                .doTry()
                    .to("{{photobooth.endpoints.completion-publish}}").id("publish-dead-letter-failure")
                .doCatch(Exception.class)
                    .log(LoggingLevel.WARN, "The failure of shot ${header." + KioskHeaders.SHOT + "} of ${header."
                            + KioskHeaders.REQUEST_ID + "} is stored, not announced (reconciliation finds it): "
                            + "${exception.message}")
                .end();

        properties.vendorConcepts().forEach(queue -> templatedRoute(TEMPLATE_ID)
                .routeId(routeId(properties.env(), queue))
                .prefixId(routeId(properties.env(), queue) + "-")
                .parameter("queue", QueueNames.deadLetter(properties.env(), queue.vendor(), queue.concept())));
    }
}
