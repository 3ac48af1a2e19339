package io.photobooth.deploy;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app (deploy/cdk.json): one {@link PhotoboothStack} for the context's environment, from the
 * catalogue in {@code application.yaml}, in the account and region of the CLI's credentials.
 */
public final class PhotoboothApp {

    private PhotoboothApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        DeploySettings settings = DeploySettings.fromContext(app.getNode());
        new PhotoboothStack(app, PhotoboothStack.idOf(settings.env()), StackProps.builder()
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .description("Photobooth " + settings.env() + ": bucket, queues, IAM roles, generator launch templates")
                .build(),
                CatalogueFile.read(settings.catalogue(), settings.env()), settings);
        app.synth();
    }
}
