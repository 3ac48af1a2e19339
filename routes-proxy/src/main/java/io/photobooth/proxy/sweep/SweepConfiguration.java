package io.photobooth.proxy.sweep;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.completion.ReconciledShot;
import io.photobooth.completion.StoredOutcomes;
import io.photobooth.proxy.ProxyRole;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The processors of the sweep routes, as beans a test can replace. */
@Configuration(proxyBeanMethods = false)
@ProxyRole
public class SweepConfiguration {

    @Bean
    StoredOutcomes storedOutcomes(PhotoboothProperties properties) {
        return new StoredOutcomes(properties.env());
    }

    @Bean
    ReconciledShot reconciledShot() {
        return new ReconciledShot();
    }
}
