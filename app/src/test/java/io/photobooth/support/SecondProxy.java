package io.photobooth.support;

import java.util.ArrayList;
import java.util.List;

import io.photobooth.PhotoboothApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * A second proxy, as production runs N of them: a proxy-only application that starts no servers of
 * its own and uses the embedded servers of the running test application.
 */
public final class SecondProxy {

    private SecondProxy() {
    }

    /** Starts it beside the application whose environment is given, with extra {@code --key=value} settings. */
    public static ConfigurableApplicationContext beside(Environment first, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--photobooth.roles.generator=false",
                "--photobooth.local.embedded-servers=false",
                "--photobooth.fleet.managed=false"));
        for (String port : List.of("sqs-port", "s3-port", "redis-port", "postgres-port")) {
            arguments.add("--photobooth.local." + port + "=" + first.getProperty("photobooth.local." + port));
        }
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(PhotoboothApplication.class).run(arguments.toArray(String[]::new));
    }

    /** The HTTP port an application started this way listens on. */
    public static int port(ConfigurableApplicationContext application) {
        return Integer.parseInt(application.getEnvironment().getProperty("local.server.port"));
    }
}
