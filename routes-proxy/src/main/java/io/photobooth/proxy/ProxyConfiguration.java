package io.photobooth.proxy;

import java.time.Clock;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.completion.CompletionWait;
import io.photobooth.completion.ConversionWaiters;
import io.photobooth.conversion.BatchSendCheck;
import io.photobooth.conversion.CompletionReader;
import io.photobooth.conversion.DeadLetterAnnouncer;
import io.photobooth.audit.AuditTrailReader;
import io.photobooth.conversion.JobBatch;
import io.photobooth.conversion.RequestDeadline;
import io.photobooth.fleet.FleetWatch;
import io.photobooth.fleet.GeneratorGroups;
import io.photobooth.fleet.GeneratorLifecycle;
import io.photobooth.fleet.GeneratorStates;
import io.photobooth.fleet.IdleCheck;
import io.photobooth.fleet.QueueDepths;
import io.photobooth.fleet.WarmUpClaim;
import io.photobooth.kiosk.ApiKeys;
import io.photobooth.kiosk.ConceptLister;
import io.photobooth.kiosk.IdempotentReplay;
import io.photobooth.kiosk.PreRequestResponder;
import io.photobooth.kiosk.PreRequestValidator;
import io.photobooth.kiosk.RequestAnswerer;
import io.photobooth.kiosk.RequestIdCheck;
import io.photobooth.kiosk.UploadUrlsResponder;
import io.photobooth.kiosk.UploadVerifier;
import io.photobooth.kiosk.VendorAuthenticator;
import io.photobooth.storage.ObjectPresigner;

import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The processors of the proxy routes, as beans a test can replace. */
@Configuration(proxyBeanMethods = false)
@ProxyRole
public class ProxyConfiguration {

    @Bean
    ObjectPresigner objectPresigner(S3Presigner presigner, PhotoboothProperties properties, Clock clock) {
        return new ObjectPresigner(presigner, properties.bucket(), properties.kiosk().uploadUrlExpiry(),
                properties.kiosk().resultUrlExpiry(), clock);
    }

    @Bean
    VendorAuthenticator vendorAuthenticator(PhotoboothProperties properties, ApiKeys.Store apiKeyStore) {
        return new VendorAuthenticator(properties, apiKeyStore);
    }

    @Bean
    PreRequestValidator preRequestValidator(PhotoboothProperties properties) {
        return new PreRequestValidator(properties);
    }

    @Bean
    PreRequestResponder preRequestResponder(ObjectPresigner presigner, PhotoboothProperties properties) {
        return new PreRequestResponder(presigner, properties.env());
    }

    @Bean
    IdempotentReplay idempotentReplay() {
        return new IdempotentReplay();
    }

    @Bean
    RequestIdCheck requestIdCheck() {
        return new RequestIdCheck();
    }

    @Bean
    RequestAnswerer requestAnswerer(ObjectPresigner presigner, PhotoboothProperties properties) {
        return new RequestAnswerer(presigner, properties.env());
    }

    @Bean
    UploadUrlsResponder uploadUrlsResponder(ObjectPresigner presigner, PhotoboothProperties properties) {
        return new UploadUrlsResponder(presigner, properties.env());
    }

    @Bean
    UploadVerifier uploadVerifier(PhotoboothProperties properties) {
        return new UploadVerifier(properties.env());
    }

    @Bean
    AuditTrailReader auditTrailReader() {
        return new AuditTrailReader();
    }

    @Bean
    RequestDeadline requestDeadline(Clock clock) {
        return new RequestDeadline(clock);
    }

    @Bean
    JobBatch jobBatch(PhotoboothProperties properties, Clock clock) {
        return new JobBatch(properties.env(), clock);
    }

    @Bean
    BatchSendCheck batchSendCheck() {
        return new BatchSendCheck();
    }

    @Bean
    ConceptLister conceptLister(PhotoboothProperties properties, GeneratorGroups groups, GeneratorStates states) {
        return new ConceptLister(properties, groups, states);
    }

    @Bean
    WarmUpClaim warmUpClaim() {
        return new WarmUpClaim();
    }

    @Bean
    FleetWatch fleetWatch(GeneratorGroups groups, PhotoboothProperties properties) {
        return new FleetWatch(groups, new GeneratorLifecycle(properties.fleet().startRetryAfter(),
                properties.fleet().stopRetryAfter()));
    }

    @Bean
    IdleCheck idleCheck(GeneratorGroups groups) {
        return new IdleCheck(groups);
    }

    @Bean
    QueueDepths queueDepths(SqsClient sqs, GeneratorGroups groups, PhotoboothProperties properties) {
        return new QueueDepths(sqs, groups, properties.env());
    }

    /** SQS jobs carry everything in their JSON body: no exchange header (kiosk HTTP headers included) leaks. */
    @Bean
    HeaderFilterStrategy jobsCarryNoHeaders() {
        DefaultHeaderFilterStrategy strategy = new DefaultHeaderFilterStrategy();
        strategy.setOutFilterPattern(".*");
        return strategy;
    }

    @Bean
    ConversionWaiters conversionWaiters() {
        return new ConversionWaiters();
    }

    @Bean
    CompletionWait completionWait(ConversionWaiters waiters, PhotoboothProperties properties) {
        return new CompletionWait(waiters, properties.kiosk().conversionTimeout());
    }

    @Bean
    CompletionReader completionReader() {
        return new CompletionReader();
    }

    @Bean
    DeadLetterAnnouncer deadLetterAnnouncer(PhotoboothProperties properties, Clock clock) {
        return new DeadLetterAnnouncer(properties.generator().maxReceiveCount(), clock);
    }
}
