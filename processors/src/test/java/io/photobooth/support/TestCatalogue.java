package io.photobooth.support;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.Aws;
import io.photobooth.catalogue.PhotoboothProperties.Callbacks;
import io.photobooth.catalogue.PhotoboothProperties.Concept;
import io.photobooth.catalogue.PhotoboothProperties.Fleet;
import io.photobooth.catalogue.PhotoboothProperties.Generator;
import io.photobooth.catalogue.PhotoboothProperties.Generators;
import io.photobooth.catalogue.PhotoboothProperties.Kiosk;
import io.photobooth.catalogue.PhotoboothProperties.Local;
import io.photobooth.catalogue.PhotoboothProperties.RateLimit;
import io.photobooth.catalogue.PhotoboothProperties.Roles;
import io.photobooth.catalogue.PhotoboothProperties.Sample;
import io.photobooth.catalogue.PhotoboothProperties.Share;
import io.photobooth.catalogue.PhotoboothProperties.Vendor;
import io.photobooth.kiosk.ApiKeys;
import io.photobooth.storage.ObjectPresigner;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.engine.DefaultHeadersMapFactory;
import org.apache.camel.support.DefaultExchange;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Shared fixtures: a small catalogue, an offline presigner, a fixed clock and bare exchanges. */
public final class TestCatalogue {

    public static final String ENV = "test";
    public static final String BUCKET = "photos";
    public static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final Duration UPLOAD_EXPIRY = Duration.ofMinutes(5);
    public static final Duration RESULT_EXPIRY = Duration.ofMinutes(10);
    public static final String SHARE_SECRET = "test-share-secret-of-at-least-32-characters";
    public static final Sample SKETCH_SAMPLE = new Sample("/kiosk/samples/astronaut.png",
            "/kiosk/samples/sketch-astronaut.png");
    public static final Duration BOOT_GRACE = Duration.ofMinutes(3);
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    private static final CamelContext CONTEXT = context();

    private TestCatalogue() {
    }

    /**
     * A context that is never started. It is given the case-insensitive headers of a running
     * context, which an unstarted one lacks (it would fall back to a case-sensitive HashMap).
     */
    private static CamelContext context() {
        CamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setHeadersMapFactory(new DefaultHeadersMapFactory());
        return context;
    }

    /**
     * acme (keys acme-key-1, acme-key-2) sells sketch and comic; globex (globex-key) sells noir,
     * on instances dedicated to it. sketch runs on i-sketch-1 and i-sketch-2, comic on i-comic-1.
     */
    public static PhotoboothProperties properties() {
        Map<String, Vendor> vendors = new LinkedHashMap<>();
        vendors.put("globex", new Vendor(List.of(ApiKeys.hash("globex-key")), Set.of("noir")));
        vendors.put("acme", new Vendor(List.of(ApiKeys.hash("acme-key-1"), ApiKeys.hash("acme-key-2")),
                Set.of("sketch", "comic")));
        Map<String, Concept> concepts = new LinkedHashMap<>();
        concepts.put("sketch", new Concept("Pencil sketch", "sketch", generators(List.of("i-sketch-1", "i-sketch-2")),
                SKETCH_SAMPLE));
        concepts.put("comic", new Concept("Comic", "comic", generators(List.of("i-comic-1"))));
        concepts.put("noir", new Concept("Film noir", "noir", new Generators("g4dn.xlarge", BOOT_GRACE, IDLE_TIMEOUT,
                Map.of(), Map.of("globex", Map.of(ENV, List.of("i-noir-globex"))), Duration.ofMinutes(5))));
        return properties(vendors, concepts);
    }

    /** Shared instances in the test environment, with the default boot grace and idle timeout. */
    public static Generators generators(List<String> instanceIds) {
        return new Generators("g4dn.xlarge", BOOT_GRACE, IDLE_TIMEOUT, Map.of(ENV, instanceIds), Map.of(), null);
    }

    public static PhotoboothProperties properties(Map<String, Vendor> vendors, Map<String, Concept> concepts) {
        return new PhotoboothProperties(ENV, new Roles(true, true), BUCKET, Path.of("../models"),
                new Kiosk(4, UPLOAD_EXPIRY, RESULT_EXPIRY, Duration.ofSeconds(30), Duration.ofMinutes(2), 16384,
                        new RateLimit(20, 40), Duration.ofMinutes(30), Duration.ofMinutes(1), true, Duration.ofSeconds(2),
                        Duration.ofSeconds(5), new Share(SHARE_SECRET, RESULT_EXPIRY, null), Duration.ofSeconds(10)),
                vendors, concepts,
                new Generator("gen-1", 2, 20, 10, 120, 3, 15_728_640, 24_000_000, 2, Duration.ofMillis(500), 2, 4,
                        Duration.ofMillis(50), "cpu"),
                new Fleet(false, true, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30),
                        Duration.ofSeconds(20), Duration.ofMinutes(3)),
                new Aws(Optional.of("us-east-1"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Aws.SSE_S3, Optional.empty()),
                Map.of("kiosk", "http://localhost:8080"),
                new Local(Path.of("data"), Duration.ofSeconds(3), 9324, 9444, 6380, 5433, List.of("*"), true),
                "proxy-test", new Callbacks(Duration.ofSeconds(1), 20, Duration.ofSeconds(10), Duration.ofSeconds(2),
                        Duration.ofMinutes(10), 20));
    }

    /** A real AWS presigner: presigning needs no network. */
    public static S3Presigner s3Presigner() {
        return S3Presigner.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    public static ObjectPresigner presigner(S3Presigner s3) {
        return new ObjectPresigner(s3, BUCKET, UPLOAD_EXPIRY, RESULT_EXPIRY, CLOCK);
    }

    public static Exchange exchange() {
        return new DefaultExchange(CONTEXT);
    }
}
