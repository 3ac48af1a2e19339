package io.photobooth.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;

/**
 * The whole application on the embedded default ({@code local} profile), on a random HTTP port,
 * with every embedded server on a free port and a fresh data directory under {@code target/}, local
 * generator instances that boot in 0.2 s and a fleet watched every 0.3 s. SQS
 * long polls last 2 s instead of 20 s, so that a stopping application does not wait out a poll, and
 * the per-key rate limit is high enough for tests that fire many calls with one key.
 * Test classes with the same properties share one running application; a test that needs other
 * settings adds {@code @TestPropertySource} and gets an application of its own; it also carries
 * {@code @DirtiesContext}, so that its application is closed after the class instead of at the
 * JVM's exit, where all of them closing at once outlast surefire's wait.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public @interface LocalIntegrationTest {

    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {
        "photobooth.local.sqs-port=0",
        "photobooth.local.s3-port=0",
        "photobooth.local.redis-port=0",
        "photobooth.local.postgres-port=0",
        "photobooth.local.data-dir=target/test-data/${random.uuid}",
        "photobooth.local.boot-delay=PT0.2S",
        "photobooth.fleet.watch-interval=300ms",
        "photobooth.fleet.heartbeat-interval=300ms",
        "photobooth.models-dir=../models",
        "photobooth.kiosk.conversion-timeout=PT20S",
        "photobooth.generator.wait-time-seconds=2",
        "photobooth.kiosk.rate-limit.requests-per-second=1000",
        "photobooth.kiosk.rate-limit.burst=1000",
    };
}
