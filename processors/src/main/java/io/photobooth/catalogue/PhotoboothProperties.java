package io.photobooth.catalogue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import io.photobooth.kiosk.ApiKeys;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The one configuration tree of the service, bound from {@code application.yaml} under
 * {@code photobooth}: the environment, the catalogue of vendors and concepts, the kiosk API's
 * limits, the generator's consumption settings, the AWS endpoints and the local infrastructure.
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
        @Valid @NotNull Aws aws,
        @NotEmpty Map<String, @NotBlank String> endpoints,
        @Valid @NotNull Local local) {

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
    }

    private static void requireName(String what, String name) {
        if (!name.matches(NAME)) {
            throw new IllegalArgumentException(what + " name '" + name + "' must match " + NAME);
        }
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
            @NotNull @DurationMin(millis = 1) @DefaultValue("PT10S") Duration reconcileAfter) {
    }

    /** Calls a kiosk may make per API key and proxy: a steady rate, and a burst above it. */
    public record RateLimit(
            @Min(1) @DefaultValue("20") int requestsPerSecond,
            @Min(1) @DefaultValue("40") int burst) {
    }

    /**
     * A business customer: the SHA-256 hashes of the API keys its kiosks use (two at once while a
     * key is rotated; more may live in the database) and the concepts it sells.
     */
    public record Vendor(
            @NotNull @DefaultValue List<@Pattern(regexp = ApiKeys.HASH_PATTERN) String> apiKeyHashes,
            @NotEmpty Set<@NotBlank String> concepts) {
        public Vendor {
            apiKeyHashes = List.copyOf(apiKeyHashes);
            concepts = new TreeSet<>(concepts);
        }
    }

    /** An image filter: its display name and its model folder under {@code models-dir}. */
    public record Concept(@NotBlank String displayName, @NotBlank String model) {
    }

    /** How a generator consumes its queues. */
    public record Generator(
            @NotBlank String instanceId,
            @DefaultValue("true") boolean autoStart,
            @Min(1) @DefaultValue("2") int concurrentConsumers,
            @Min(0) @Max(20) @DefaultValue("20") int waitTimeSeconds,
            @Min(1) @DefaultValue("120") int visibilityTimeoutSeconds,
            @Min(1) @DefaultValue("3") int maxReceiveCount) {
    }

    /** AWS client settings; endpoints are overridden for the embedded servers and emulators. */
    public record Aws(
            @NotBlank @DefaultValue("us-east-1") String region,
            Optional<URI> s3Endpoint,
            Optional<URI> sqsEndpoint,
            Optional<String> accessKeyId,
            Optional<String> secretAccessKey) {
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
