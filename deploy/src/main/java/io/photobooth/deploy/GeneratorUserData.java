package io.photobooth.deploy;

import io.photobooth.catalogue.PhotoboothProperties.GeneratorGroup;

import software.amazon.awscdk.services.ec2.UserData;

/**
 * The user data of a generator instance, run at its first boot. It installs two systemd units that
 * run at every boot (a generator is stopped and started again by the proxies): the first writes
 * {@code GENERATOR_INSTANCE_ID} from the instance metadata (IMDSv2) and the service's settings from the
 * Secrets Manager secret into {@code /run/photobooth/generator.env}; the second starts the service in
 * the {@code aws} profile with the generator role alone, from {@code /opt/photobooth} (the jar and
 * {@code models/}, baked into the AMI with a JDK 21 at {@code /usr/bin/java}, the AWS CLI and Python 3).
 */
final class GeneratorUserData {

    static final String HOME = "/opt/photobooth";
    static final String SERVICE = "photobooth-generator";
    /**
     * The boot script's Python that writes the settings secret (a JSON object) as the lines of an
     * {@code EnvironmentFile}: each value double-quoted, with {@code \ " ` $} escaped. systemd drops a
     * backslash from an unquoted value, cuts its trailing whitespace and takes a leading quote as
     * quoting, so a generated password would reach the service changed, or swallow the next lines.
     */
    static final String SECRET_TO_ENVIRONMENT = "import json,sys; e = {ord(c): \"\\\\\" + c for c in \"\\\\\\\"`$\"};"
            + " [print(k + \"=\\\"\" + str(v).translate(e) + \"\\\"\") for k, v in json.load(sys.stdin).items()]";

    private GeneratorUserData() {
    }

    static UserData of(GeneratorGroup group, String env, String bucketName, String region, String settingsSecretArn) {
        UserData userData = UserData.forLinux();
        userData.addCommands(
                "set -euo pipefail",
                "id photobooth >/dev/null 2>&1 || useradd --system --home-dir " + HOME + " --shell /usr/sbin/nologin photobooth",
                "chown -R photobooth: " + HOME,
                "install -d -m 755 /etc/photobooth",
                "cat > /etc/photobooth/generator.env <<'ENV'",
                "SPRING_PROFILES_ACTIVE=aws",
                "PHOTOBOOTH_ROLES_PROXY=false",
                "PHOTOBOOTH_ENV=" + env,
                "PHOTOBOOTH_BUCKET=" + bucketName,
                "AWS_REGION=" + region,
                "PHOTOBOOTH_MODELS=" + HOME + "/models",
                "PHOTOBOOTH_GENERATOR_DEVICE=gpu",
                "PHOTOBOOTH_GENERATOR_MAXBATCH=4",
                "PHOTOBOOTH_SETTINGS_SECRET=" + settingsSecretArn,
                "ENV",
                "cat > /usr/local/bin/" + SERVICE + "-env <<'SCRIPT'",
                "#!/bin/bash",
                "set -euo pipefail",
                "token=$(curl -sf -X PUT http://169.254.169.254/latest/api/token"
                        + " -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')",
                "instance=$(curl -sf -H \"X-aws-ec2-metadata-token: $token\""
                        + " http://169.254.169.254/latest/meta-data/instance-id)",
                "install -d -m 700 /run/photobooth",
                "umask 077",
                "{",
                "  echo \"GENERATOR_INSTANCE_ID=$instance\"",
                "  aws secretsmanager get-secret-value --region \"$AWS_REGION\" --secret-id \"$PHOTOBOOTH_SETTINGS_SECRET\""
                        + " --query SecretString --output text"
                        + " | python3 -c '" + SECRET_TO_ENVIRONMENT + "'",
                "} > /run/photobooth/generator.env",
                "SCRIPT",
                "chmod 755 /usr/local/bin/" + SERVICE + "-env",
                "cat > /etc/systemd/system/" + SERVICE + "-env.service <<'UNIT'",
                "[Unit]",
                "Description=Photobooth generator: instance id and settings",
                "Wants=network-online.target",
                "After=network-online.target",
                "[Service]",
                "Type=oneshot",
                "RemainAfterExit=yes",
                "EnvironmentFile=/etc/photobooth/generator.env",
                "ExecStart=/usr/local/bin/" + SERVICE + "-env",
                "UNIT",
                "cat > /etc/systemd/system/" + SERVICE + ".service <<'UNIT'",
                "[Unit]",
                "Description=Photobooth generator of group " + group.key(),
                "Requires=" + SERVICE + "-env.service",
                "After=" + SERVICE + "-env.service",
                "[Service]",
                "User=photobooth",
                "WorkingDirectory=" + HOME,
                "EnvironmentFile=/etc/photobooth/generator.env",
                "EnvironmentFile=/run/photobooth/generator.env",
                "ExecStart=/usr/bin/java -jar " + HOME + "/photobooth.jar",
                "Restart=on-failure",
                "RestartSec=5",
                // Camel lets a stopping worker finish its poll for up to 45 s
                "TimeoutStopSec=60",
                "[Install]",
                "WantedBy=multi-user.target",
                "UNIT",
                "systemctl daemon-reload",
                "systemctl enable --now " + SERVICE + ".service");
        return userData;
    }
}
