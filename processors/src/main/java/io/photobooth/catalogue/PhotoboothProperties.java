package io.photobooth.catalogue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.photobooth.kiosk.ApiKeys;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The one configuration tree of the service, bound from {@code application.yaml} under
 * {@code photobooth}: the environment, the catalogue of vendors and concepts, the kiosk API's
 * limits, the generator's consumption settings, the AWS endpoints, the local infrastructure, this
 * proxy's id (the audit trail's actor) and the delivery of vendor callbacks.
 */
@Validated
@ConfigurationProperties("photobooth")
public record PhotoboothProperties(
        @NotBlank @Pattern(regexp = NAME) String env,
        @Valid @NotNull Roles roles,
        @NotBlank String bucket,
        @NotNull Path modelsDir,
        @Valid @NotNull Kiosk kiosk,
        @NotEmpty Map<String, @Valid Vendor> vendors,
        @NotEmpty Map<String, @Valid Concept> concepts,
        @Valid @NotNull Generator generator,
        @Valid @NotNull @DefaultValue Fleet fleet,
        @Valid @NotNull Aws aws,
        @NotEmpty Map<String, @NotBlank String> endpoints,
        @Valid @NotNull Local local,
        @NotBlank String proxyId,
        @Valid @NotNull @DefaultValue Callbacks callbacks) {

    /** Names that become part of queue names, object keys and Redis channels. */
    public static final String NAME = "[a-z][a-z0-9]{0,30}";

    public PhotoboothProperties {
        vendors.forEach((name, vendor) -> {
            requireName("vendor", name);
            vendor.concepts().forEach(concept -> {
                if (!concepts.containsKey(concept)) {
                    throw new IllegalArgumentException(
                            "vendor " + name + " offers concept " + concept + ", which is not in photobooth.concepts");
                }
            });
        });
        concepts.keySet().forEach(name -> requireName("concept", name));
        concepts.forEach((name, concept) -> concept.generators().dedicated().keySet().forEach(vendor -> {
            if (!vendors.containsKey(vendor) || !vendors.get(vendor).concepts().contains(name)) {
                throw new IllegalArgumentException("concept " + name + " has instances dedicated to vendor " + vendor
                        + ", which does not offer it");
            }
        }));
        requireInstancesOnce(generatorGroups(env, vendors, concepts));
    }

    private static void requireName(String what, String name) {
        if (!name.matches(NAME)) {
            throw new IllegalArgumentException(what + " name '" + name + "' must match " + NAME);
        }
    }

    /** Every queue of the environment is served by a group with instances, and no instance serves two groups. */
    private static void requireInstancesOnce(List<GeneratorGroup> groups) {
        Set<String> seen = new TreeSet<>();
        for (GeneratorGroup group : groups) {
            if (group.instanceIds().isEmpty()) {
                throw new IllegalArgumentException("concept " + group.concept() + " has no generator instances for "
                        + "this environment (photobooth.concepts." + group.concept() + ".generators.instances.{env}),"
                        + " so the queues of " + group.vendors() + " would never be served");
            }
            group.instanceIds().forEach(instance -> {
                if (!seen.add(instance)) {
                    throw new IllegalArgumentException("generator instance " + instance + " is listed twice");
                }
            });
        }
    }

    /**
     * The generator groups of this environment: per concept, one group of shared instances for
     * the vendors without dedicated ones, and one group per vendor with dedicated instances.
     */
    public List<GeneratorGroup> generatorGroups() {
        return generatorGroups(env, vendors, concepts);
    }

    private static List<GeneratorGroup> generatorGroups(String env, Map<String, Vendor> vendors,
            Map<String, Concept> concepts) {
        List<GeneratorGroup> groups = new ArrayList<>();
        new TreeMap<>(concepts).forEach((name, concept) -> {
            Generators generators = concept.generators();
            Set<String> shared = new TreeSet<>();
            new TreeMap<>(vendors).forEach((vendorName, vendor) -> {
                if (!vendor.concepts().contains(name)) {
                    return;
                }
                List<String> dedicated = generators.dedicated().getOrDefault(vendorName, Map.of())
                        .getOrDefault(env, List.of());
                if (dedicated.isEmpty()) {
                    shared.add(vendorName);
                } else {
                    groups.add(new GeneratorGroup(name + GeneratorGroup.VENDOR_SEPARATOR + vendorName, name,
                            Set.of(vendorName), dedicated, generators.bootGrace(), generators.idleTimeout()));
                }
            });
            if (!shared.isEmpty()) {
                groups.add(new GeneratorGroup(name, name, shared, generators.instances().getOrDefault(env, List.of()),
                        generators.bootGrace(), generators.idleTimeout()));
            }
        });
        return List.copyOf(groups);
    }

    /** The visibility timeout of the concept's queues: its own, or the generators' default. */
    public int visibilityTimeoutSeconds(String concept) {
        Duration own = concepts.get(concept).generators().visibilityTimeout();
        return own == null ? generator.visibilityTimeoutSeconds() : (int) own.toSeconds();
    }

    /** The vendor whose configured key hashes include this one, if any. */
    public Optional<String> vendorByApiKeyHash(String keyHash) {
        String found = null;
        for (Map.Entry<String, Vendor> vendor : vendors.entrySet()) {
            for (String configured : vendor.getValue().apiKeyHashes()) {
                if (ApiKeys.sameHash(configured, keyHash)) {
                    found = vendor.getKey();
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** Every (vendor, concept) pair of the catalogue: one SQS queue each in this environment. */
    public List<VendorConcept> vendorConcepts() {
        return vendors.entrySet().stream()
                .flatMap(vendor -> vendor.getValue().concepts().stream()
                        .map(concept -> new VendorConcept(vendor.getKey(), concept)))
                .sorted()
                .toList();
    }

    public record VendorConcept(String vendor, String concept) implements Comparable<VendorConcept> {
        @Override
        public int compareTo(VendorConcept other) {
            int byVendor = vendor.compareTo(other.vendor);
            return byVendor != 0 ? byVendor : concept.compareTo(other.concept);
        }
    }

    /**
     * Instances that start and stop together, and the vendors whose {@code {env}-{vendor}-{concept}}
     * queues they serve. Its key is the concept, or {@code concept@vendor} for dedicated instances.
     */
    public record GeneratorGroup(String key, String concept, Set<String> vendors, List<String> instanceIds,
            Duration bootGrace, Duration idleTimeout) {

        public static final String VENDOR_SEPARATOR = "@";

        public GeneratorGroup {
            vendors = new TreeSet<>(vendors);
            instanceIds = List.copyOf(instanceIds);
        }

        public List<VendorConcept> queues() {
            return vendors.stream().map(vendor -> new VendorConcept(vendor, concept)).toList();
        }
    }

    /** Which route sets run in this process. */
    public record Roles(@DefaultValue("true") boolean proxy, @DefaultValue("true") boolean generator) {
    }

    /** The limits and timeouts of the kiosk HTTP API. */
    public record Kiosk(
            @Min(1) @Max(4) @DefaultValue("4") int maxShots,
            @NotNull @DurationMin(millis = 1) @DefaultValue("PT5M") Duration uploadUrlExpiry,
            @NotNull @DurationMin(millis = 1) @DefaultValue("PT10M") Duration resultUrlExpiry,
            @NotNull @DurationMin(millis = 1) @DefaultValue("PT30S") Duration conversionTimeout,
            @NotNull @DurationMin(millis = 1) @DefaultValue("PT2M") Duration eventStreamTimeout,
            @Min(256) @Max(1_048_576) @DefaultValue("16384") int maxBodyBytes,
            @Valid @NotNull @DefaultValue RateLimit rateLimit,
            @NotNull @DurationMin(millis = 1) @DefaultValue("PT30M") Duration requestExpiry,
            @NotNull @DurationMin(millis = 1) @DefaultValue("PT1M") Duration expirySweepInterval,
            @DefaultValue("true") boolean removeExpiredUploads,
            @NotNull @DurationMin(millis = 1) @DefaultValue("PT5S") Duration reconcileInterval,
            @NotNull @DurationMin(millis = 1) @DefaultValue("PT10S") Duration reconcileAfter,
            @Valid @NotNull @DefaultValue Share share,
            @NotNull @DurationMin(millis = 0) @DefaultValue("PT10S") Duration deadlineGrace) {
    }

    /**
     * The customer's download link ({@code GET /s/{token}}, shown as a QR code by the kiosk page):
     * signed with {@code secret}, which every proxy must share (at least 32 characters; the proxy
     * refuses to start without one), valid for {@code linkExpiry}. The link starts with
     * {@code publicUrl} where set (the address phones reach the proxies at), else with the scheme,
     * host and port the kiosk called.
     */
    public record Share(
            String secret,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("PT10M") Duration linkExpiry,
            URI publicUrl) {
    }

    /** Calls a kiosk may make per API key and proxy: a steady rate, and a burst above it. */
    public record RateLimit(
            @Min(1) @DefaultValue("20") int requestsPerSecond,
            @Min(1) @DefaultValue("40") int burst) {
    }

    /**
     * A business customer: the SHA-256 hashes of the API keys its kiosks use (two at once while a
     * key is rotated; more may live in the database), the concepts it sells, the deadline of its
     * requests (counted from the main request; {@code conceptDeadlines} overrides it per concept, and a
     * kiosk may ask for a shorter one) and, optionally, the callback its back office receives the
     * outcome of each request on.
     */
    public record Vendor(
            @NotNull @DefaultValue List<@Pattern(regexp = ApiKeys.HASH_PATTERN) String> apiKeyHashes,
            @NotEmpty Set<@NotBlank String> concepts,
            @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 24) @DefaultValue("PT2M") Duration deadline,
            @NotNull @DefaultValue Map<String, @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 24) Duration> conceptDeadlines,
            @Valid Callback callback) {

        /** The deadline of a vendor that sets none, as {@code @DefaultValue} binds it. */
        public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(2);

        @ConstructorBinding
        public Vendor {
            apiKeyHashes = List.copyOf(apiKeyHashes);
            concepts = new TreeSet<>(concepts);
            conceptDeadlines = Map.copyOf(conceptDeadlines);
            for (String concept : conceptDeadlines.keySet()) {
                if (!concepts.contains(concept)) {
                    throw new IllegalArgumentException("concept-deadlines names " + concept
                            + ", which the vendor does not offer");
                }
            }
        }

        /** A vendor with the default deadline and no callback. */
        public Vendor(List<String> apiKeyHashes, Set<String> concepts) {
            this(apiKeyHashes, concepts, DEFAULT_DEADLINE, Map.of(), null);
        }

        /** The deadline of the vendor's requests of this concept, unless the kiosk asks for a shorter one. */
        public Duration deadlineOf(String concept) {
            return conceptDeadlines.getOrDefault(concept, deadline);
        }
    }

    /**
     * Where the proxies POST the outcome of each of a vendor's requests ({@code done}, {@code failed},
     * {@code expired}), signed with HMAC-SHA256 under {@code secret} (at least 32 characters). The URL
     * is {@code https}; plain {@code http} is allowed only to a loopback address (a receiver on the
     * same machine, as in tests).
     */
    public record Callback(
            @NotNull URI url,
            @NotNull @Size(min = 32) String secret) {

        public Callback {
            if (url != null) {
                String scheme = url.getScheme();
                boolean loopback = "localhost".equals(url.getHost()) || "127.0.0.1".equals(url.getHost())
                        || "[::1]".equals(url.getHost());
                if (!"https".equals(scheme) && !("http".equals(scheme) && loopback)) {
                    throw new IllegalArgumentException("a callback URL must be https (http only to a loopback"
                            + " address), was " + url);
                }
            }
        }
    }

    /**
     * How the proxies deliver callbacks from their outbox: every {@code pollInterval}, up to
     * {@code batchSize} due deliveries; a receiver gets {@code timeout} to answer with a {@code 2xx};
     * a failed attempt is retried after {@code firstRetryDelay}, doubling up to {@code maxRetryDelay},
     * until {@code maxAttempts} attempts have failed.
     */
    public record Callbacks(
            @NotNull @DurationMin(millis = 100) @DefaultValue("1s") Duration pollInterval,
            @Min(1) @Max(100) @DefaultValue("20") int batchSize,
            @NotNull @DurationMin(millis = 100) @DefaultValue("10s") Duration timeout,
            @NotNull @DurationMin(millis = 100) @DefaultValue("2s") Duration firstRetryDelay,
            @NotNull @DurationMin(millis = 100) @DefaultValue("10m") Duration maxRetryDelay,
            @Min(1) @DefaultValue("20") int maxAttempts) {
    }

    /**
     * An image filter: its display name, its model (a folder under {@code models-dir}, or an
     * {@code s3://bucket/prefix} downloaded at start-up), its GPU instances and, optionally, the
     * sample images a kiosk shows for it.
     */
    public record Concept(
            @NotBlank String displayName,
            @NotBlank String model,
            @Valid @NotNull @DefaultValue Generators generators,
            @Valid Sample sample) {

        @ConstructorBinding
        public Concept {
        }

        /** A concept without sample images. */
        public Concept(String displayName, String model, Generators generators) {
            this(displayName, model, generators, null);
        }
    }

    /**
     * A before/after pair of images that shows a kiosk what the concept does ({@code GET
     * /api/v1/concepts}): absolute {@code http(s)} URLs, or paths on the proxy such as
     * {@code /kiosk/samples/sketch-astronaut.png}.
     */
    public record Sample(
            @NotBlank @Pattern(regexp = IMAGE_URL) String before,
            @NotBlank @Pattern(regexp = IMAGE_URL) String after) {

        public static final String IMAGE_URL = "(https?://|/)[^\\s\"'<>]+";
    }

    /**
     * The GPU instances that run a concept's model, listed per environment, and per vendor and
     * environment where a vendor has dedicated instances (its queue is then served by those alone).
     * They are stopped until a pre-request of the concept starts them, and stopped again once idle
     * for {@code idleTimeout}; an instance gets {@code bootGrace} to boot before it may be stopped
     * for idleness. The instance type is documentation for operators. {@code visibilityTimeout}, when
     * set, replaces {@code generator.visibility-timeout-seconds} for the concept's queues: a slow model
     * gets a longer one.
     */
    public record Generators(
            String instanceType,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("PT3M") Duration bootGrace,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("PT5M") Duration idleTimeout,
            @NotNull @DefaultValue Map<String, List<@NotBlank String>> instances,
            @NotNull @DefaultValue Map<String, Map<String, List<@NotBlank String>>> dedicated,
            @DurationMin(seconds = 1) Duration visibilityTimeout) {
        public Generators {
            instances = Map.copyOf(instances);
            dedicated = Map.copyOf(dedicated);
        }
    }

    /**
     * How the proxies run the generator fleet: how often a generator announces itself, how often
     * the proxies look at the instances and at idleness, and after how long a start that did not
     * take (an instance that was still stopping) or a stop that did not take is asked again.
     * {@code inProcess}: the generator instances are route groups of this JVM, started by an
     * in-process stand-in for EC2 (the {@code local} profile); otherwise this JVM is the one
     * instance {@code generator.instance-id}. {@code managed=false}: this proxy makes no EC2 calls
     * and leaves them to the proxies that do.
     */
    public record Fleet(
            @DefaultValue("false") boolean inProcess,
            @DefaultValue("true") boolean managed,
            @NotNull @DurationMin(millis = 100) @DefaultValue("5s") Duration heartbeatInterval,
            @NotNull @DurationMin(millis = 100) @DefaultValue("5s") Duration watchInterval,
            @NotNull @DurationMin(millis = 100) @DefaultValue("30s") Duration idleCheckInterval,
            @NotNull @DurationMin(millis = 100) @DefaultValue("20s") Duration startRetryAfter,
            @NotNull @DurationMin(millis = 100) @DefaultValue("3m") Duration stopRetryAfter) {

        /** A heartbeat older than three intervals means the generator is gone. */
        public Duration heartbeatTtl() {
            return heartbeatInterval.multipliedBy(3);
        }
    }

    /**
     * How a generator consumes its queues; {@code instanceId} is its EC2 instance id. A photo larger
     * than {@code maxPhotoBytes}, or whose header declares more than {@code maxPhotoPixels}, fails at
     * once. Each model runs on {@code device} ({@code cpu} or {@code gpu}) with {@code predictors}
     * predictors; photos of one size converted at the same time run as one batch of up to
     * {@code maxBatch}, which waits at most {@code maxBatchWait} to fill.
     */
    public record Generator(
            @NotBlank String instanceId,
            @Min(1) @DefaultValue("2") int concurrentConsumers,
            @Min(0) @Max(20) @DefaultValue("20") int waitTimeSeconds,
            @Min(1) @Max(10) @DefaultValue("10") int maxMessagesPerPoll,
            @Min(1) @DefaultValue("120") int visibilityTimeoutSeconds,
            @Min(1) @DefaultValue("3") int maxReceiveCount,
            @Min(1) @DefaultValue("15728640") long maxPhotoBytes,
            @Min(1) @DefaultValue("24000000") long maxPhotoPixels,
            @Min(0) @DefaultValue("2") int transientRetries,
            @NotNull @DurationMin(millis = 1) @DefaultValue("500ms") Duration retryDelay,
            @Min(1) @DefaultValue("2") int predictors,
            @Min(1) @DefaultValue("1") int maxBatch,
            @NotNull @DurationMin(millis = 0) @DefaultValue("50ms") Duration maxBatchWait,
            @NotNull @Pattern(regexp = "cpu|gpu") @DefaultValue("cpu") String device) {
    }

    /**
     * AWS client settings. Without a region the SDK's default region chain decides (the
     * {@code AWS_REGION} environment variable, the profile file, the instance metadata); without
     * static keys, its default credential chain. Endpoints are overridden for the embedded servers,
     * emulators and VPC endpoints. {@code serverSideEncryption} is what the objects the service
     * writes are encrypted with: {@code AES256} (SSE-S3), {@code aws:kms} with {@code kmsKeyId}
     * (SSE-KMS), or {@code none} (the bucket's default encryption decides).
     */
    public record Aws(
            Optional<String> region,
            Optional<URI> s3Endpoint,
            Optional<URI> sqsEndpoint,
            Optional<URI> ec2Endpoint,
            Optional<String> accessKeyId,
            Optional<String> secretAccessKey,
            @NotNull @Pattern(regexp = SSE_NONE + "|" + SSE_S3 + "|" + SSE_KMS) @DefaultValue(SSE_S3)
            String serverSideEncryption,
            Optional<String> kmsKeyId) {

        public static final String SSE_NONE = "none";
        public static final String SSE_S3 = "AES256";
        public static final String SSE_KMS = "aws:kms";

        /** A setting left out of the configuration binds as null, and an empty one (an unset variable) as "": both are empty. */
        public Aws {
            region = orEmpty(region);
            s3Endpoint = orEmpty(s3Endpoint);
            sqsEndpoint = orEmpty(sqsEndpoint);
            ec2Endpoint = orEmpty(ec2Endpoint);
            accessKeyId = orEmpty(accessKeyId);
            secretAccessKey = orEmpty(secretAccessKey);
            kmsKeyId = orEmpty(kmsKeyId);
            if (SSE_KMS.equals(serverSideEncryption) != kmsKeyId.isPresent()) {
                throw new IllegalArgumentException("photobooth.aws.kms-key-id is required with server-side-encryption "
                        + SSE_KMS + " and allowed only with it (server-side-encryption is " + serverSideEncryption + ")");
            }
        }

        private static <T> Optional<T> orEmpty(Optional<T> value) {
            return value == null ? Optional.empty() : value.filter(present -> !present.toString().isBlank());
        }
    }

    /** The embedded infrastructure of the {@code local} profile; a port of 0 picks a free one. */
    public record Local(
            @NotNull @DefaultValue("data") Path dataDir,
            @NotNull @DefaultValue("PT3S") Duration bootDelay,
            @Min(0) @DefaultValue("9324") int sqsPort,
            @Min(0) @DefaultValue("9444") int s3Port,
            @Min(0) @DefaultValue("6380") int redisPort,
            @Min(0) @DefaultValue("5433") int postgresPort,
            @NotNull @DefaultValue("*") List<String> corsOrigins,
            @DefaultValue("true") boolean embeddedServers) {
    }
}
