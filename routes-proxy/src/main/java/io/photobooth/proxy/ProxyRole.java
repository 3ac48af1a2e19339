package io.photobooth.proxy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** Marks beans of the proxy role: present unless {@code photobooth.roles.proxy=false}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnProperty(prefix = "photobooth.roles", name = "proxy", havingValue = "true", matchIfMissing = true)
public @interface ProxyRole {
}
