package io.photobooth.proxy.fleet;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks the routes that call EC2 (start, watch, idle stop): present unless
 * {@code photobooth.fleet.managed=false}, as on a local second proxy whose generator instances
 * live in another process. Such a proxy still records activity and claims starts; a managing
 * proxy's watch carries them out, {@code start-retry-after} later.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnProperty(prefix = "photobooth.fleet", name = "managed", havingValue = "true", matchIfMissing = true)
public @interface ManagesFleet {
}
