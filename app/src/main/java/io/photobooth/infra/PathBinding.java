package io.photobooth.infra;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;

/**
 * Binds configured paths ({@code models-dir}, {@code data-dir}) as file system paths relative to
 * the working directory. Without it a web application resolves a relative {@code Path} property
 * as a servlet-context resource, which refuses {@code ../models}.
 */
@Configuration(proxyBeanMethods = false)
public class PathBinding {

    @Bean
    @ConfigurationPropertiesBinding
    static Converter<String, Path> fileSystemPath() {
        return Path::of;
    }
}
