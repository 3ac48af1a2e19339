package io.photobooth.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.photobooth.catalogue.PhotoboothProperties.Concept;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ModelRegistry} and {@link ImageFilterProcessor} with the real sketch model, loaded once. */
class ModelRegistryTest {

    static {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    private static final ModelSource MODELS = new ModelSource(Path.of("../models"), () -> {
        throw new AssertionError("no model of these tests is in S3");
    });

    private static ModelRegistry registry;

    @BeforeAll
    static void loadModels() {
        registry = new ModelRegistry(MODELS, Map.of("sketch", new Concept("Pencil sketch", "sketch", TestCatalogue.generators(List.of("i-sketch")))),
                ImageFilterTest.DECODER, ImageFilterTest.SINGLE);
    }

    @AfterAll
    static void closeModels() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void shouldGiveFilterOfKnownConcept() {
        assertThat(registry.filter("sketch").name()).isEqualTo("sketch");
    }

    @Test
    void shouldRefuseUnknownConcept() {
        assertThatThrownBy(() -> registry.filter("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void shouldRefuseMissingConcept() {
        assertThatThrownBy(() -> registry.filter(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'null'");
    }

    @Test
    void shouldFailToLoadConceptWhoseModelFolderIsMissing() {
        Map<String, Concept> concepts = new TreeMap<>(Map.of(
                "sketch", new Concept("Pencil sketch", "sketch", TestCatalogue.generators(List.of("i-sketch"))),
                "zebra", new Concept("Zebra", "zebra", TestCatalogue.generators(List.of("i-zebra")))));

        assertThatThrownBy(() -> new ModelRegistry(MODELS, concepts, ImageFilterTest.DECODER, ImageFilterTest.SINGLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zebra");
    }

    @Test
    void shouldForgetFiltersOnceClosed() {
        ModelRegistry own = new ModelRegistry(MODELS, Map.of("sketch", new Concept("Pencil sketch", "sketch", TestCatalogue.generators(List.of("i-sketch")))),
                ImageFilterTest.DECODER, ImageFilterTest.SINGLE);
        assertThat(own.filter("sketch")).isNotNull();

        own.close();

        assertThatThrownBy(() -> own.filter("sketch")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFilterBodyWithModelOfConceptHeader() throws Exception {
        byte[] jpeg = ImageFilterTest.testJpeg();
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.CONCEPT, "sketch");
        exchange.getMessage().setBody(jpeg);

        new ImageFilterProcessor(registry).process(exchange);

        assertThat(exchange.getMessage().getBody(byte[].class))
                .isNotEqualTo(jpeg)
                .isEqualTo(registry.filter("sketch").apply(jpeg));
    }

    @Test
    void shouldRefuseBodyOfConceptWithoutModel() throws Exception {
        byte[] jpeg = ImageFilterTest.testJpeg();
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.CONCEPT, "comic");
        exchange.getMessage().setBody(jpeg);

        assertThatThrownBy(() -> new ImageFilterProcessor(registry).process(exchange))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'comic'");
        assertThat(exchange.getMessage().getBody()).isSameAs(jpeg);
    }
}
