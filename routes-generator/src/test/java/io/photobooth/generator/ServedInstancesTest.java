package io.photobooth.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.VendorConcept;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ServedInstancesTest {

    /** acme and globex sell sketch on i-1; globex has comic on its own i-2. */
    private static PhotoboothProperties properties(String instanceId, boolean inProcess) {
        Map<String, String> values = new HashMap<>(Map.of(
                "photobooth.env", "prod",
                "photobooth.bucket", "photos",
                "photobooth.models-dir", "models",
                "photobooth.vendors.acme.concepts[0]", "sketch",
                "photobooth.vendors.globex.concepts[0]", "sketch",
                "photobooth.vendors.globex.concepts[1]", "comic",
                "photobooth.generator.instance-id", instanceId,
                "photobooth.endpoints.completions", "direct:completions",
                "photobooth.fleet.in-process", String.valueOf(inProcess)));
        values.putAll(Map.of(
                "photobooth.concepts.sketch.display-name", "Sketch",
                "photobooth.concepts.sketch.model", "sketch",
                "photobooth.concepts.sketch.generators.instances.prod[0]", "i-1",
                "photobooth.concepts.comic.display-name", "Comic",
                "photobooth.concepts.comic.model", "comic",
                "photobooth.concepts.comic.generators.dedicated.globex.prod[0]", "i-2"));
        return new Binder(new MapConfigurationPropertySource(values)).bind("photobooth", PhotoboothProperties.class)
                .get();
    }

    @Test
    void anEc2GeneratorIsItsOwnInstanceAndConsumesItsGroupsQueuesOnly() {
        assertThat(ServedInstances.of(properties("i-1", false))).containsExactly("i-1");
        assertThat(ServedInstances.queues(properties("i-1", false)))
                .containsExactly(new VendorConcept("acme", "sketch"), new VendorConcept("globex", "sketch"));
        assertThat(ServedInstances.queues(properties("i-2", false)))
                .containsExactly(new VendorConcept("globex", "comic"));
    }

    @Test
    void anInProcessFleetHostsEveryInstance() {
        assertThat(ServedInstances.of(properties("ignored", true))).containsExactlyInAnyOrder("i-1", "i-2");
        assertThat(ServedInstances.queues(properties("ignored", true))).hasSize(3);
    }

    @Test
    void anInstanceTheCatalogueDoesNotListIsRefusedAtStartUp() {
        assertThatThrownBy(() -> ServedInstances.of(properties("i-9", false)))
                .hasMessageContaining("generator instance i-9 is not listed");
    }
}
