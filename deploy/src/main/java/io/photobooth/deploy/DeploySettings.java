package io.photobooth.deploy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import software.constructs.Node;

/**
 * What the CDK context decides for one deployment (`cdk deploy -c key=value`, or deploy/cdk.json):
 * the environment, the catalogue file, the kiosks' origins (the bucket's CORS rule), the generators'
 * AMI, the Secrets Manager secret that holds the service's settings, and how many days uploads and
 * results are kept.
 */
public record DeploySettings(
        String env,
        Path catalogue,
        List<String> kioskOrigins,
        String generatorAmi,
        String settingsSecretArn,
        int uploadsExpireDays,
        int resultsExpireDays) {

    public static final String ENV = "env";
    public static final String CATALOGUE = "catalogue";
    public static final String KIOSK_ORIGINS = "kioskOrigins";
    public static final String GENERATOR_AMI = "generatorAmi";
    public static final String SETTINGS_SECRET_ARN = "settingsSecretArn";
    public static final String UPLOADS_EXPIRE_DAYS = "uploadsExpireDays";
    public static final String RESULTS_EXPIRE_DAYS = "resultsExpireDays";

    public DeploySettings {
        kioskOrigins = List.copyOf(kioskOrigins);
        if (kioskOrigins.isEmpty()) {
            throw new IllegalArgumentException("at least one kiosk origin is needed (context " + KIOSK_ORIGINS + ")");
        }
        if (uploadsExpireDays < 1 || resultsExpireDays < 1) {
            throw new IllegalArgumentException("uploads and results are kept at least a day");
        }
    }

    /** The settings from the app's context; the defaults: env prod, ../application.yaml (from deploy/), 1 and 7 days. */
    public static DeploySettings fromContext(Node node) {
        return new DeploySettings(
                optional(node, ENV, "prod"),
                Path.of(optional(node, CATALOGUE, "../application.yaml")),
                Arrays.stream(required(node, KIOSK_ORIGINS).split(",")).map(String::strip)
                        .filter(origin -> !origin.isEmpty()).toList(),
                required(node, GENERATOR_AMI),
                required(node, SETTINGS_SECRET_ARN),
                Integer.parseInt(optional(node, UPLOADS_EXPIRE_DAYS, "1")),
                Integer.parseInt(optional(node, RESULTS_EXPIRE_DAYS, "7")));
    }

    private static String optional(Node node, String key, String fallback) {
        Object value = node.tryGetContext(key);
        return value == null ? fallback : value.toString();
    }

    private static String required(Node node, String key) {
        Object value = node.tryGetContext(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("the CDK context " + key + " is required: cdk deploy -c " + key + "=...");
        }
        return value.toString();
    }
}
