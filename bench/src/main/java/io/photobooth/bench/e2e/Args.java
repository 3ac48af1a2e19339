package io.photobooth.bench.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code key=value} arguments of the drivers, each with a default. */
final class Args {

    private final Map<String, String> values = new HashMap<>();

    Args(String[] args) {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected key=value, got " + arg);
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
    }

    String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int integer(String key, int fallback) {
        return Integer.parseInt(string(key, Integer.toString(fallback)));
    }

    List<Integer> integers(String key, String fallback) {
        return Arrays.stream(string(key, fallback).split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    List<String> strings(String key, String fallback) {
        return Arrays.stream(string(key, fallback).split(",")).map(String::trim).toList();
    }

    /** Seconds, fractions allowed. */
    Duration seconds(String key, double fallback) {
        return Duration.ofMillis(Math.round(Double.parseDouble(string(key, Double.toString(fallback))) * 1000));
    }

    Path path(String key, String fallback) {
        return Path.of(string(key, fallback)).toAbsolutePath();
    }

    ServiceStack.Topology topology(String fallback) {
        return ServiceStack.Topology.valueOf(string("topology", fallback).toUpperCase());
    }
}
