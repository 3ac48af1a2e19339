package io.photobooth.proxy.usage;

import io.photobooth.proxy.ProxyRole;
import io.photobooth.usage.UsageCsv;
import io.photobooth.usage.UsageQuery;
import io.photobooth.usage.UsageReport;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The processors of the {@code usage} route, as beans a test can replace. */
@Configuration(proxyBeanMethods = false)
@ProxyRole
public class UsageConfiguration {

    @Bean
    UsageQuery usageQuery() {
        return new UsageQuery();
    }

    @Bean
    UsageReport usageReport() {
        return new UsageReport();
    }

    @Bean
    UsageCsv usageCsv() {
        return new UsageCsv();
    }
}
