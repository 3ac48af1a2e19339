package io.photobooth.kiosk;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal of a kiosk request, answered as RFC 9457 {@code application/problem+json}. The
 * {@link ProblemType} gives the stable {@code type} URI and the HTTP status; {@code extensions} add
 * machine-readable members (the valid concepts, the missing shots, ...).
 */
public class ApiProblem extends RuntimeException {

    private final ProblemType type;
    private final Map<String, Object> extensions;

    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public ApiProblem(ProblemType type, String detail, Map<String, Object> extensions) {
        super(detail);
        this.type = type;
        this.extensions = Map.copyOf(extensions);
    }

    public ProblemType type() {
        return type;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** The problem document: {@code type}, {@code title}, {@code status}, {@code detail}, extensions. */
    public Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("title", type.title());
        body.put("status", type.status());
        body.put("detail", getMessage());
        if (instance != null) {
            body.put("instance", instance);
        }
        body.putAll(extensions);
        return body;
    }
}
