package io.photobooth.generator;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.VendorConcept;
import io.photobooth.contract.QueueNames;
import io.photobooth.conversion.JobIntake;
import io.photobooth.filter.UnusablePhotoException;

import org.apache.camel.LoggingLevel;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.springframework.stereotype.Component;

/**
 * {@code conversion-worker}: a route template, one route per queue of the served instances' groups
 * ({@code conversion-worker-{env}-{vendor}-{concept}}); the routes start with the JVM on EC2, and
 * with their instance in an in-process fleet. It long-polls SQS, announces on Redis that
 * it starts the shot, downloads the photo, runs the concept's model, uploads the result and
 * publishes the completion on Redis. The jobs of one poll run on up to {@code max-batch} threads at
 * once, so that photos of one size share a forward pass of the model. The SQS consumer deletes the
 * message only when the exchange completed, that is after the publish. A failing step is tried
 * again ({@code transient-retries}, with exponential backoff from {@code retry-delay}) while the
 * consumer extends the message's visibility; a job that still fails becomes visible again after the visibility timeout and, after
 * {@code max-receive-count} receives, moves to the queue's DLQ, where the proxies' {@code dead-letter}
 * route fails its shot. When the route stops (the instance is stopping), it first finishes every
 * job of the poll it holds. An upload that
 * is no usable photo cannot succeed on a retry: its shot is published as FAILED with the reason at
 * once, after the FAILED event is stored beside the result key as the durable record that
 * reconciliation reads. A job received after its deadline is not downloaded or converted: its shot
 * is published as EXPIRED, after the same durable record. {@link io.photobooth.conversion.ConversionMetrics} counts and times each job:
 * received, the model call, the published completion, or the exception it ended with.
 */
@Component
@GeneratorRole
public class ConversionWorkerRoutes extends RouteBuilder {

    public static final String TEMPLATE_ID = "conversion-worker";

    private final PhotoboothProperties properties;

    public ConversionWorkerRoutes(PhotoboothProperties properties) {
        this.properties = properties;
    }

    /** The id of the worker route of a vendor's concept queue. */
    public static String routeId(String env, VendorConcept queue) {
        return TEMPLATE_ID + "-" + QueueNames.jobs(env, queue.vendor(), queue.concept());
    }

    /** The most jobs a worker route holds: every consumer's whole poll. */
    private int jobsInFlight() {
        return properties.generator().maxMessagesPerPoll() * properties.generator().concurrentConsumers();
    }

    @Override
    public void configure() {
        routeTemplate(TEMPLATE_ID)
                .templateParameter("queue")
                .templateParameter("visibilityTimeout")
                .from("aws2-sqs://{{queue}}"
                        + "?autoCreateQueue=false"
                        + "&waitTimeSeconds={{photobooth.generator.wait-time-seconds}}"
                        + "&maxMessagesPerPoll=" + properties.generator().maxMessagesPerPoll()
                        + "&concurrentConsumers={{photobooth.generator.concurrent-consumers}}"
                        + "&visibilityTimeout={{visibilityTimeout}}"
                        + "&extendMessageVisibility=true"
                        + "&deleteAfterRead=true"
                        // poll again at once after a poll that brought jobs: the scheduled consumer otherwise
                        // waits its delay (500 ms) before the next long poll, and a job sent meanwhile waits
                        // with it (docs/benchmarks.md, integration overhead); an empty long poll already waited
                        + "&greedy=true")
                .autoStartup(!properties.fleet().inProcess())
                // stopping (the instance is being stopped): finish every job of the poll before the route stops
                .shutdownRunningTask(ShutdownRunningTask.CompleteAllTasks)
                // a failing step (S3, Redis) is tried again with backoff, well inside the visibility timeout
                .errorHandler(defaultErrorHandler()
                        .maximumRedeliveries(properties.generator().transientRetries())
                        .redeliveryDelay(properties.generator().retryDelay().toMillis())
                        .useExponentialBackOff()
                        .backOffMultiplier(2)
                        .retryAttemptedLogLevel(LoggingLevel.WARN))
                .onException(UnusablePhotoException.class).handled(true).maximumRedeliveries(0)
                    .log(LoggingLevel.WARN, "Shot ${header.shot} of ${header.requestId} failed: ${exception.message}")
                    .process("completionAnnouncer").id("prepare-failure")
                    .process("failureRecord").id("prepare-failure-record")
                    .to("aws2-s3://{{photobooth.bucket}}").id("store-failure")
                    .to("{{photobooth.endpoints.completion-publish}}").id("publish-failure")
                    .bean("conversionMetrics", "failed").id("count-failed")
                .end()
                // counts a job that ends with an exception (left on the queue); the exception stays the exchange's
                .onCompletion().onFailureOnly()
                    .bean("conversionMetrics", "errored").id("count-error")
                .end()
                .process("jobIntake").id("read-job")
                // every job a poll received runs at once, on a thread of its own, so that the consumer
                // extends the visibility of each from the start (a job still waiting in a poll is not
                // extended), and the model can batch their photos
                .threads(jobsInFlight(), jobsInFlight())
                    .maxQueueSize(0).rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).threadName("conversion")
                    .id("run-concurrently")
                .bean("conversionMetrics", "received").id("count-received")
                // past its deadline: reported EXPIRED (with its durable record, as a failure), never converted
                .filter(exchangeProperty(JobIntake.EXPIRED).isEqualTo(true))
                    .log(LoggingLevel.WARN, "Shot ${header.shot} of ${header.requestId} is past its deadline: "
                            + "not converted")
                    .process("completionAnnouncer").id("prepare-expiry")
                    .process("failureRecord").id("prepare-expiry-record")
                    .to("aws2-s3://{{photobooth.bucket}}").id("store-expiry")
                    .to("{{photobooth.endpoints.completion-publish}}").id("publish-expiry")
                    .bean("conversionMetrics", "expired").id("count-expired")
                    .stop()
                .end()
                .process("processingAnnouncer").id("prepare-processing")
                // a progress notice: a Redis outage must not hold or fail the conversion
                .doTry()
                    .to("{{photobooth.endpoints.completion-publish}}").id("publish-processing")
                .doCatch(Exception.class)
                    .log(LoggingLevel.WARN, "Shot ${header.shot} of ${header.requestId} starts unannounced: "
                            + "${exception.message}")
                .end()
                .to("aws2-s3://{{photobooth.bucket}}?operation=getObject").id("download-photo")
                .process("uploadSizeCheck").id("check-upload-size")
                .convertBodyTo(byte[].class)
                .bean("conversionMetrics", "converting").id("start-inference")
                .process("imageFilterProcessor").id("convert-photo")
                .bean("conversionMetrics", "converted").id("time-inference")
                .process("resultUpload").id("prepare-result")
                .to("aws2-s3://{{photobooth.bucket}}").id("upload-result")
                .process("completionAnnouncer").id("prepare-completion")
                .to("{{photobooth.endpoints.completion-publish}}").id("publish-completion")
                .bean("conversionMetrics", "succeeded").id("count-done");

        ServedInstances.queues(properties).forEach(queue -> templatedRoute(TEMPLATE_ID)
                .routeId(routeId(properties.env(), queue))
                .prefixId(routeId(properties.env(), queue) + "-")
                .parameter("queue", QueueNames.jobs(properties.env(), queue.vendor(), queue.concept()))
                .parameter("visibilityTimeout", String.valueOf(properties.visibilityTimeoutSeconds(queue.concept()))));
    }
}
