package io.photobooth;

import io.photobooth.catalogue.PhotoboothProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The one executable of both roles. {@code photobooth.roles.proxy/generator} choose the route sets;
 * the {@code local} profile (the default) runs both with embedded infrastructure, the {@code aws}
 * profile points them at AWS and external Redis and PostgreSQL.
 */
@SpringBootApplication
@EnableConfigurationProperties(PhotoboothProperties.class)
public class PhotoboothApplication {

    public static void main(String[] args) {
        SpringApplication.run(PhotoboothApplication.class, args);
    }
}
