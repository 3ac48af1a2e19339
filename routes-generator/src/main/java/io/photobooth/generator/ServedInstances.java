package io.photobooth.generator;

import java.util.List;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.GeneratorGroup;
import io.photobooth.catalogue.PhotoboothProperties.VendorConcept;

/**
 * The generator instances this JVM is, and the queues they consume: on EC2, the one instance
 * {@code photobooth.generator.instance-id}, which must be listed in the catalogue; with an
 * in-process fleet ({@code local}), every instance of the catalogue, each started and stopped by the
 * fleet's stand-in for EC2.
 */
public final class ServedInstances {

    private ServedInstances() {
    }

    public static List<String> of(PhotoboothProperties properties) {
        if (properties.fleet().inProcess()) {
            return properties.generatorGroups().stream().flatMap(group -> group.instanceIds().stream()).toList();
        }
        String instanceId = properties.generator().instanceId();
        if (properties.generatorGroups().stream().noneMatch(group -> group.instanceIds().contains(instanceId))) {
            throw new IllegalStateException("generator instance " + instanceId + " is not listed in any concept's"
                    + " generators.instances for environment " + properties.env()
                    + ": set photobooth.generator.instance-id to this instance's EC2 id");
        }
        return List.of(instanceId);
    }

    /** The queues of the groups of the served instances. */
    public static List<VendorConcept> queues(PhotoboothProperties properties) {
        List<String> served = of(properties);
        return properties.generatorGroups().stream()
                .filter(group -> group.instanceIds().stream().anyMatch(served::contains))
                .map(GeneratorGroup::queues)
                .flatMap(List::stream)
                .sorted()
                .toList();
    }
}
