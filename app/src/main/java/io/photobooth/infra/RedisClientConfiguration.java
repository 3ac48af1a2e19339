package io.photobooth.infra;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redis carries notifications only, and the Redis client is tuned for that. While the connection
 * is down, a command (a generator's PUBLISH) fails at once instead of waiting in Lettuce's buffer
 * until the command timeout, so a Redis outage never holds a conversion. Reconnect attempts are at
 * most {@link #MAX_RECONNECT_DELAY} apart instead of Lettuce's default of up to 30 s, so the
 * completion subscriber's pattern subscription, which Lettuce restores on reconnect, is back within
 * about a second of Redis.
 */
@Configuration(proxyBeanMethods = false)
public class RedisClientConfiguration {

    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    @Bean
    LettuceClientOptionsBuilderCustomizer redisRejectsCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    ClientResourcesBuilderCustomizer redisReconnectsEverySecondAtMost() {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(10), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS));
    }
}
