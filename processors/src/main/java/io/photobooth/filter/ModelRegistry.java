package io.photobooth.filter;

import java.util.Map;
import java.util.TreeMap;

import io.photobooth.catalogue.PhotoboothProperties.Concept;

/** The loaded filter of every concept in the catalogue, loaded and warmed up once when the generator starts. */
public final class ModelRegistry implements AutoCloseable {

    private final Map<String, ImageFilter> filters = new TreeMap<>();

    public ModelRegistry(ModelSource models, Map<String, Concept> concepts, PhotoDecoder decoder,
            InferenceOptions options) {
        try {
            concepts.forEach((name, concept) -> filters.put(name,
                    ImageFilter.load(models.folder(concept.model()), decoder, options)));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public ImageFilter filter(String concept) {
        ImageFilter filter = concept == null ? null : filters.get(concept);
        if (filter == null) {
            throw new IllegalArgumentException("no model is loaded for concept '" + concept + "'");
        }
        return filter;
    }

    @Override
    public void close() {
        filters.values().forEach(ImageFilter::close);
        filters.clear();
    }
}
