package io.photobooth.fleet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.GeneratorGroup;
import io.photobooth.contract.Channels;

/** The generator groups of this environment, looked up by key, by a vendor's concept or by instance. */
public class GeneratorGroups {

    private final String env;
    private final Map<String, GeneratorGroup> byKey = new LinkedHashMap<>();

    public GeneratorGroups(PhotoboothProperties properties) {
        this.env = properties.env();
        properties.generatorGroups().forEach(group -> byKey.put(group.key(), group));
    }

    public List<GeneratorGroup> all() {
        return List.copyOf(byKey.values());
    }

    public GeneratorGroup byKey(String key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException("no generator group " + key));
    }

    /** Empty for a key the catalogue no longer has (a row left from an earlier configuration). */
    public Optional<GeneratorGroup> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** The key of the group that serves this vendor's queue of this concept. */
    public String keyOf(String vendor, String concept) {
        return byKey.values().stream()
                .filter(group -> group.concept().equals(concept) && group.vendors().contains(vendor))
                .findFirst()
                .map(GeneratorGroup::key)
                .orElseThrow(() -> new IllegalArgumentException("vendor " + vendor + " does not offer " + concept));
    }

    public List<String> instanceIds(String key) {
        return byKey(key).instanceIds();
    }

    /** Every instance of every group, in a fixed order. */
    public List<String> allInstanceIds() {
        return byKey.values().stream().flatMap(group -> group.instanceIds().stream()).toList();
    }

    /** The Redis keys of {@link #allInstanceIds()}'s heartbeats, in the same order. */
    public List<String> heartbeatKeys() {
        return allInstanceIds().stream().map(id -> Channels.heartbeat(env, id)).toList();
    }
}
