package io.photobooth.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.photobooth.catalogue.PhotoboothProperties.Aws;
import io.photobooth.catalogue.PhotoboothProperties.Callback;
import io.photobooth.catalogue.PhotoboothProperties.Concept;
import io.photobooth.catalogue.PhotoboothProperties.GeneratorGroup;
import io.photobooth.catalogue.PhotoboothProperties.Generators;
import io.photobooth.catalogue.PhotoboothProperties.Vendor;
import io.photobooth.catalogue.PhotoboothProperties.VendorConcept;
import io.photobooth.kiosk.ApiKeys;
import io.photobooth.support.TestCatalogue;

import org.junit.jupiter.api.Test;

class PhotoboothPropertiesTest {

    private final PhotoboothProperties properties = TestCatalogue.properties();

    @Test
    void shouldFindVendorOfEachConfiguredKeyHashIncludingBothKeysOfARotation() {
        assertThat(properties.vendorByApiKeyHash(ApiKeys.hash("acme-key-1"))).contains("acme");
        assertThat(properties.vendorByApiKeyHash(ApiKeys.hash("acme-key-2"))).contains("acme");
        assertThat(properties.vendorByApiKeyHash(ApiKeys.hash("globex-key"))).contains("globex");
    }

    @Test
    void shouldFindNoVendorForUnknownKeyHash() {
        assertThat(properties.vendorByApiKeyHash(ApiKeys.hash("acme-key-3"))).isEmpty();
        assertThat(properties.vendorByApiKeyHash(ApiKeys.hash("ACME-KEY-1"))).isEmpty();
        assertThat(properties.vendorByApiKeyHash(ApiKeys.hash(""))).isEmpty();
    }

    @Test
    void shouldNotAcceptTheKeyItselfInPlaceOfItsHash() {
        assertThat(properties.vendorByApiKeyHash("acme-key-1")).isEmpty();
    }

    @Test
    void shouldListVendorConceptPairsSortedByVendorThenConcept() {
        assertThat(properties.vendorConcepts()).containsExactly(
                new VendorConcept("acme", "comic"),
                new VendorConcept("acme", "sketch"),
                new VendorConcept("globex", "noir"));
    }

    @Test
    void shouldTakeAVendorsDeadlineForAConceptFromItsConceptDeadlinesElseItsOwn() {
        Vendor vendor = new Vendor(List.of("k"), Set.of("sketch", "toon"), Duration.ofSeconds(90),
                Map.of("toon", Duration.ofMinutes(3)), null);

        assertThat(vendor.deadlineOf("toon")).isEqualTo(Duration.ofMinutes(3));
        assertThat(vendor.deadlineOf("sketch")).isEqualTo(Duration.ofSeconds(90));
        assertThat(new Vendor(List.of("k"), Set.of("sketch")).deadlineOf("sketch")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void shouldRefuseADeadlineForAConceptTheVendorDoesNotOffer() {
        assertThatThrownBy(() -> new Vendor(List.of("k"), Set.of("sketch"), Duration.ofSeconds(90),
                Map.of("toon", Duration.ofMinutes(3)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("toon");
    }

    @Test
    void shouldAcceptAnHttpsCallbackAndPlainHttpOnlyToALoopbackAddress() {
        String secret = "s".repeat(32);

        assertThat(new Callback(URI.create("https://backoffice.example.com/events"), secret).url()).hasHost(
                "backoffice.example.com");
        assertThat(new Callback(URI.create("http://127.0.0.1:8099/events"), secret).url()).hasPort(8099);
        assertThat(new Callback(URI.create("http://localhost/events"), secret).url()).hasHost("localhost");
        for (String refused : List.of("http://backoffice.example.com/events", "http://10.0.0.7/events",
                "ftp://backoffice.example.com/events", "//backoffice.example.com/events")) {
            assertThatThrownBy(() -> new Callback(URI.create(refused), secret)).as(refused)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        }
    }

    @Test
    void shouldKeepVendorConceptsSorted() {
        Vendor vendor = new Vendor(List.of("k"), Set.of("zeta", "alpha", "mid"));

        assertThat(vendor.concepts()).containsExactly("alpha", "mid", "zeta");
    }

    @Test
    void shouldRefuseVendorOfferingConceptMissingFromCatalogue() {
        Map<String, Vendor> vendors = Map.of("acme", new Vendor(List.of("k"), Set.of("sketch", "ghost")));
        Map<String, Concept> concepts = Map.of("sketch", new Concept("Sketch", "sketch", TestCatalogue.generators(List.of("i-sketch"))));

        assertThatThrownBy(() -> TestCatalogue.properties(vendors, concepts))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acme")
                .hasMessageContaining("ghost");
    }

    @Test
    void shouldRefuseVendorNameWithUpperCase() {
        Map<String, Vendor> vendors = Map.of("Demo", new Vendor(List.of("k"), Set.of("sketch")));
        Map<String, Concept> concepts = Map.of("sketch", new Concept("Sketch", "sketch", TestCatalogue.generators(List.of("i-sketch"))));

        assertThatThrownBy(() -> TestCatalogue.properties(vendors, concepts))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vendor name 'Demo'");
    }

    @Test
    void shouldRefuseVendorNameWithDash() {
        Map<String, Vendor> vendors = Map.of("a-b", new Vendor(List.of("k"), Set.of("sketch")));
        Map<String, Concept> concepts = Map.of("sketch", new Concept("Sketch", "sketch", TestCatalogue.generators(List.of("i-sketch"))));

        assertThatThrownBy(() -> TestCatalogue.properties(vendors, concepts))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vendor name 'a-b'");
    }

    @Test
    void shouldRefuseConceptNameWithDash() {
        Map<String, Vendor> vendors = Map.of("acme", new Vendor(List.of("k"), Set.of("a-b")));
        Map<String, Concept> concepts = Map.of("a-b", new Concept("Dashed", "dashed", TestCatalogue.generators(List.of("i-dashed"))));

        assertThatThrownBy(() -> TestCatalogue.properties(vendors, concepts))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("concept name 'a-b'");
    }

    @Test
    void shouldRefuseNameStartingWithDigitOrTooLong() {
        Map<String, Concept> concepts = Map.of("sketch", new Concept("Sketch", "sketch", TestCatalogue.generators(List.of("i-sketch"))));

        assertThatThrownBy(() -> TestCatalogue.properties(
                Map.of("1acme", new Vendor(List.of("k"), Set.of("sketch"))), concepts))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestCatalogue.properties(
                Map.of("a".repeat(32), new Vendor(List.of("k"), Set.of("sketch"))), concepts))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TestCatalogue.properties(
                Map.of("a".repeat(31), new Vendor(List.of("k"), Set.of("sketch"))), concepts).vendors())
                .containsKey("a".repeat(31));
    }

    @Test
    void shouldGroupInstancesPerConceptWithDedicatedGroupsPerVendor() {
        assertThat(TestCatalogue.properties().generatorGroups()).containsExactly(
                new GeneratorGroup("comic", "comic", Set.of("acme"), List.of("i-comic-1"),
                        TestCatalogue.BOOT_GRACE, TestCatalogue.IDLE_TIMEOUT),
                new GeneratorGroup("noir@globex", "noir", Set.of("globex"), List.of("i-noir-globex"),
                        TestCatalogue.BOOT_GRACE, TestCatalogue.IDLE_TIMEOUT),
                new GeneratorGroup("sketch", "sketch", Set.of("acme"), List.of("i-sketch-1", "i-sketch-2"),
                        TestCatalogue.BOOT_GRACE, TestCatalogue.IDLE_TIMEOUT));
    }

    @Test
    void shouldRefuseAConceptWhoseQueuesNoInstanceServesInTheEnvironment() {
        Map<String, Vendor> vendors = Map.of("acme", new Vendor(List.of("k"), Set.of("sketch")));
        Generators elsewhere = new Generators(null, TestCatalogue.BOOT_GRACE, TestCatalogue.IDLE_TIMEOUT,
                Map.of("prod", List.of("i-prod")), Map.of(), null);

        assertThatThrownBy(() -> TestCatalogue.properties(vendors,
                Map.of("sketch", new Concept("Sketch", "sketch", elsewhere))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sketch has no generator instances");
    }

    @Test
    void shouldRefuseAnInstanceListedForTwoGroups() {
        Map<String, Vendor> vendors = Map.of("acme", new Vendor(List.of("k"), Set.of("sketch", "comic")));

        assertThatThrownBy(() -> TestCatalogue.properties(vendors, Map.of(
                "sketch", new Concept("Sketch", "sketch", TestCatalogue.generators(List.of("i-1"))),
                "comic", new Concept("Comic", "comic", TestCatalogue.generators(List.of("i-1"))))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("i-1 is listed twice");
    }

    @Test
    void shouldRefuseInstancesDedicatedToAVendorThatDoesNotOfferTheConcept() {
        Map<String, Vendor> vendors = Map.of("acme", new Vendor(List.of("k"), Set.of("sketch")));
        Generators dedicatedToGhost = new Generators(null, TestCatalogue.BOOT_GRACE, TestCatalogue.IDLE_TIMEOUT,
                Map.of(TestCatalogue.ENV, List.of("i-1")), Map.of("ghost", Map.of(TestCatalogue.ENV, List.of("i-2"))), null);

        assertThatThrownBy(() -> TestCatalogue.properties(vendors,
                Map.of("sketch", new Concept("Sketch", "sketch", dedicatedToGhost))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dedicated to vendor ghost");
    }

    @Test
    void shouldGiveAConceptItsOwnVisibilityTimeoutOrTheGeneratorsDefault() {
        PhotoboothProperties properties = TestCatalogue.properties();

        assertThat(properties.visibilityTimeoutSeconds("noir")).isEqualTo(300);
        assertThat(properties.visibilityTimeoutSeconds("sketch")).isEqualTo(120);
    }

    @Test
    void shouldTreatAnEmptyRegionOrKmsKeyIdAsUnsetSoThatTheSdkChainDecides() {
        Aws aws = new Aws(Optional.of(""), null, null, null, Optional.of(" "), null, Aws.SSE_S3, Optional.of(""));

        assertThat(aws.region()).isEmpty();
        assertThat(aws.accessKeyId()).isEmpty();
        assertThat(aws.kmsKeyId()).isEmpty();
        assertThat(aws.s3Endpoint()).isEmpty();
    }

    @Test
    void shouldRequireAKmsKeyIdWithKmsEncryptionAndRefuseItWithAnyOther() {
        assertThat(new Aws(null, null, null, null, null, null, Aws.SSE_KMS, Optional.of("alias/photos")).kmsKeyId())
                .contains("alias/photos");
        assertThatThrownBy(() -> new Aws(null, null, null, null, null, null, Aws.SSE_KMS, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kms-key-id is required");
        assertThatThrownBy(() -> new Aws(null, null, null, null, null, null, Aws.SSE_S3, Optional.of("alias/photos")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server-side-encryption is AES256");
    }
}
