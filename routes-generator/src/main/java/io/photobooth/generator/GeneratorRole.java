package io.photobooth.generator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** Marks beans of the generator role: present unless {@code photobooth.roles.generator=false}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnProperty(prefix = "photobooth.roles", name = "generator", havingValue = "true", matchIfMissing = true)
public @interface GeneratorRole {
}
