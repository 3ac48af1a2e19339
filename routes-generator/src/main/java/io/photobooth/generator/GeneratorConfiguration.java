package io.photobooth.generator;

import java.time.Clock;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.conversion.CompletionAnnouncer;
import io.photobooth.conversion.FailureRecord;
import io.photobooth.conversion.JobIntake;
import io.photobooth.conversion.ProcessingAnnouncer;
import io.photobooth.conversion.ResultUpload;
import io.photobooth.filter.ImageFilterProcessor;
import io.photobooth.filter.InferenceOptions;
import io.photobooth.filter.ModelRegistry;
import io.photobooth.filter.ModelSource;
import io.photobooth.filter.PhotoDecoder;
import io.photobooth.filter.UploadSizeCheck;
import io.photobooth.fleet.GeneratorGroups;
import io.photobooth.fleet.HeartbeatAnnouncer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * The processors of the generator role; every concept's model is loaded and warmed up once, at
 * start-up, on {@code photobooth.generator.device}.
 */
@Configuration(proxyBeanMethods = false)
@GeneratorRole
public class GeneratorConfiguration {

    static {
        // models ship in models/ and the PyTorch natives in the class path: never download anything
        System.setProperty("ai.djl.offline", "true");
    }

    @Bean
    PhotoDecoder photoDecoder(PhotoboothProperties properties) {
        return new PhotoDecoder(properties.generator().maxPhotoBytes(), properties.generator().maxPhotoPixels());
    }

    /** The S3 client is needed only for a concept whose model is an {@code s3://} URI. */
    @Bean(destroyMethod = "close")
    ModelRegistry modelRegistry(PhotoboothProperties properties, PhotoDecoder photoDecoder,
            ObjectProvider<S3Client> s3Client) {
        return new ModelRegistry(new ModelSource(properties.modelsDir(), s3Client::getObject), properties.concepts(),
                photoDecoder, InferenceOptions.of(properties.generator()));
    }

    @Bean
    UploadSizeCheck uploadSizeCheck(PhotoDecoder photoDecoder) {
        return new UploadSizeCheck(photoDecoder);
    }

    @Bean
    ImageFilterProcessor imageFilterProcessor(ModelRegistry models) {
        return new ImageFilterProcessor(models);
    }

    @Bean
    JobIntake jobIntake(Clock clock) {
        return new JobIntake(clock);
    }

    @Bean
    ResultUpload resultUpload() {
        return new ResultUpload();
    }

    @Bean
    FailureRecord failureRecord() {
        return new FailureRecord();
    }

    @Bean
    ProcessingAnnouncer processingAnnouncer(PhotoboothProperties properties) {
        return new ProcessingAnnouncer(properties.generator().instanceId());
    }

    @Bean
    HeartbeatAnnouncer heartbeatAnnouncer(GeneratorGroups groups, PhotoboothProperties properties, Clock clock) {
        return new HeartbeatAnnouncer(groups, properties.env(), properties.fleet().heartbeatTtl(), clock);
    }

    @Bean
    CompletionAnnouncer completionAnnouncer(PhotoboothProperties properties, Clock clock) {
        return new CompletionAnnouncer(properties.generator().instanceId(), clock);
    }
}
