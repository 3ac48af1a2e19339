package io.photobooth.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.Concept;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.convert.support.ConfigurableConversionService;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The catalogue of {@code application.yaml}, bound into {@link PhotoboothProperties} by Spring's
 * {@link Binder} exactly as the service binds it, so that the stack and the service cannot disagree
 * on queues, generator groups, instance types or visibility timeouts.
 *
 * <p>Only the file's first document is read (the profile documents after {@code ---} change no
 * catalogue structure), {@code photobooth.env} is the environment deployed, and placeholders
 * resolve against the file alone: an unset {@code ${VARIABLE:}} is empty, whatever the shell that
 * synthesizes has set, so the template depends on the file and the CDK context only. The stack names
 * no instance (it grants by tag), and the instances are launched from its templates after it is
 * deployed; so an instance list of the environment that is empty here stands for instances still to
 * be launched: the concept's shared list always (the service requires it), a vendor's dedicated list
 * where the file names the environment's key.
 */
public final class CatalogueFile {

    /** What an instance list still to be launched is bound as, followed by its concept (and vendor). */
    static final String TO_BE_LAUNCHED = "to-be-launched";

    private static final String PREFIX = "photobooth";

    private CatalogueFile() {
    }

    public static PhotoboothProperties read(Path yaml, String env) {
        PropertySource<?> document = firstDocument(yaml);
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put(PREFIX + ".env", env);
        Map<String, Concept> concepts = binder(overrides, document)
                .bind(PREFIX + ".concepts", Bindable.mapOf(String.class, Concept.class))
                .orElseThrow(() -> new IllegalArgumentException(yaml + " has no " + PREFIX + ".concepts"));
        concepts.forEach((name, concept) -> overrides.putAll(standIns(name, concept, env)));
        return binder(overrides, document).bindOrCreate(PREFIX, PhotoboothProperties.class);
    }

    private static Map<String, Object> standIns(String conceptName, Concept concept, String env) {
        Map<String, Object> standIns = new LinkedHashMap<>();
        String generators = PREFIX + ".concepts." + conceptName + ".generators.";
        if (concept.generators().instances().getOrDefault(env, List.of()).isEmpty()) {
            standIns.put(generators + "instances." + env, TO_BE_LAUNCHED + "-" + conceptName);
        }
        concept.generators().dedicated().forEach((vendor, byEnv) -> {
            if (byEnv.containsKey(env) && byEnv.get(env).isEmpty()) {
                standIns.put(generators + "dedicated." + vendor + "." + env, TO_BE_LAUNCHED + "-" + conceptName + "-" + vendor);
            }
        });
        return standIns;
    }

    private static Binder binder(Map<String, Object> overrides, PropertySource<?> document) {
        List<PropertySource<?>> sources = new ArrayList<>();
        sources.add(new MapPropertySource("deploy", overrides));
        sources.add(document);
        ConfigurableConversionService conversion = new ApplicationConversionService();
        conversion.addConverter(String.class, Path.class, Path::of);
        return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources),
                conversion);
    }

    private static PropertySource<?> firstDocument(Path yaml) {
        try {
            return new YamlPropertySourceLoader().load(yaml.toString(), new FileSystemResource(yaml)).getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalogue " + yaml, e);
        }
    }
}
