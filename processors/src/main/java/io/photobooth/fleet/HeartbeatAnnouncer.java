package io.photobooth.fleet;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.photobooth.catalogue.PhotoboothProperties.GeneratorGroup;
import io.photobooth.contract.Channels;
import io.photobooth.contract.GeneratorHeartbeat;
import io.photobooth.contract.Json;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Prepares the Redis {@code SETEX} of the heartbeat of the generator instance named by the
 * {@link #INSTANCE} header: the concepts it serves, under its key, expiring after the TTL.
 */
public class HeartbeatAnnouncer implements Processor {

    public static final String INSTANCE = "generatorInstance";
    public static final String KEY = "CamelRedis.Key";
    public static final String VALUE = "CamelRedis.Value";
    public static final String TIMEOUT_SECONDS = "CamelRedis.Timeout";

    private final GeneratorGroups groups;
    private final String env;
    private final Duration ttl;
    private final Clock clock;

    public HeartbeatAnnouncer(GeneratorGroups groups, String env, Duration ttl, Clock clock) {
        this.groups = groups;
        this.env = env;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        String instanceId = in.getHeader(INSTANCE, String.class);
        GeneratorHeartbeat heartbeat = new GeneratorHeartbeat(GeneratorHeartbeat.VERSION, instanceId,
                groups.all().stream()
                        .filter(group -> group.instanceIds().contains(instanceId))
                        .map(GeneratorGroup::concept)
                        .toList(),
                clock.instant());
        in.setHeader(KEY, Channels.heartbeat(env, instanceId));
        in.setHeader(VALUE, Json.mapper().writeValueAsString(heartbeat));
        in.setHeader(TIMEOUT_SECONDS, Math.max(1, (ttl.toMillis() + 999) / 1000));
    }
}
