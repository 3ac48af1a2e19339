package io.photobooth.deploy;

/**
 * The tags a generator instance carries from its launch template, and on which the proxies' right to
 * start and stop instances is conditioned.
 */
public final class GeneratorTags {

    /** The generator group's key: the concept, or {@code concept@vendor} for dedicated instances. */
    public static final String GROUP = "photobooth:generator-group";
    /** The environment ({@code photobooth.env}). */
    public static final String ENV = "photobooth:env";

    private GeneratorTags() {
    }
}
