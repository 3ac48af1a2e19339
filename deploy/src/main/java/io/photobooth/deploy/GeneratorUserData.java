package io.photobooth.deploy;

import io.photobooth.catalogue.PhotoboothProperties.GeneratorGroup;

import software.amazon.awscdk.services.ec2.UserData;

/**
 * The user data of a generator instance, run at its first boot. It installs one systemd unit, which
 * runs at every boot (a generator is stopped and started again by the proxies): its
 * {@code ExecStartPre} (as root) writes {@code GENERATOR_INSTANCE_ID} from the instance metadata
 * (IMDSv2) and the service's settings from the Secrets Manager secret into
 * {@code /run/photobooth/generator.env}, then the service starts in the {@code aws} profile with the
 * generator role alone, from {@code /opt/photobooth} (the jar and {@code models/}, baked into the AMI
 * with a JDK 21 at {@code /usr/bin/java}, the AWS CLI and Python 3).
 *
 * <p>A failed metadata or Secrets Manager call fails that start of the service, and
 * {@code Restart=on-failure} starts it again after {@code RestartSec}, reading the secret anew, with
 * no start limit ({@code StartLimitIntervalSec=0}): an instance never stays up without its service.
 * systemd reads an {@code EnvironmentFile} when it spawns each command, after the commands of the
 * previous state ended (systemd.exec(5)), so {@code ExecStart} sees the file that {@code ExecStartPre}
 * has just written; {@code -} lets {@code ExecStartPre} run before the file first exists.
 */
final class GeneratorUserData {

    static final String HOME = "/opt/photobooth";
    static final String SERVICE = "photobooth-generator";
    static final String UNIT_FILE = "/etc/systemd/system/" + SERVICE + ".service";
    /** The service's ExecStartPre: the instance id and the settings secret into {@link #ENVIRONMENT_FILE}. */
    static final String ENV_SCRIPT = "/usr/local/bin/" + SERVICE + "-env";
    /** What the user data sets: profile, environment, bucket, region, the secret's ARN. */
    static final String SETTINGS_FILE = "/etc/photobooth/generator.env";
    static final String RUN_DIR = "/run/photobooth";
    /** What {@link #ENV_SCRIPT} writes at each start, readable by root alone. */
    static final String ENVIRONMENT_FILE = RUN_DIR + "/generator.env";
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
                "cat > " + SETTINGS_FILE + " <<'ENV'",
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
                "cat > " + ENV_SCRIPT + " <<'SCRIPT'",
                "#!/bin/bash",
                "set -euo pipefail",
                // the settings of the user data, whatever the previous start's file overrode
                ". " + SETTINGS_FILE,
                "token=$(curl -sf --connect-timeout 2 --max-time 10 -X PUT http://169.254.169.254/latest/api/token"
                        + " -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')",
                "instance=$(curl -sf --connect-timeout 2 --max-time 10 -H \"X-aws-ec2-metadata-token: $token\""
                        + " http://169.254.169.254/latest/meta-data/instance-id)",
                "install -d -m 700 " + RUN_DIR,
                "umask 077",
                "{",
                "  echo \"GENERATOR_INSTANCE_ID=$instance\"",
                "  aws secretsmanager get-secret-value --region \"$AWS_REGION\" --secret-id \"$PHOTOBOOTH_SETTINGS_SECRET\""
                        + " --query SecretString --output text"
                        + " | python3 -c '" + SECRET_TO_ENVIRONMENT + "'",
                "} > " + ENVIRONMENT_FILE + ".new",
                "mv " + ENVIRONMENT_FILE + ".new " + ENVIRONMENT_FILE,
                "SCRIPT",
                "chmod 755 " + ENV_SCRIPT,
                "cat > " + UNIT_FILE + " <<'UNIT'",
                "[Unit]",
                "Description=Photobooth generator of group " + group.key(),
                "Wants=network-online.target",
                "After=network-online.target",
                // Restart= never gives up: a failed start is retried for as long as the instance runs
                "StartLimitIntervalSec=0",
                "[Service]",
                "User=photobooth",
                "WorkingDirectory=" + HOME,
                "EnvironmentFile=" + SETTINGS_FILE,
                "EnvironmentFile=-" + ENVIRONMENT_FILE,
                // '+': as root, without User= (the secret and /run/photobooth are root's)
                "ExecStartPre=+" + ENV_SCRIPT,
                "ExecStart=/usr/bin/java -jar " + HOME + "/photobooth.jar",
                "Restart=on-failure",
                "RestartSec=5",
                // Camel lets a stopping worker finish its poll for up to 45 s
                "TimeoutStopSec=60",
                "[Install]",
                "WantedBy=multi-user.target",
                "UNIT",
                "systemctl daemon-reload",
                "systemctl enable " + SERVICE + ".service",
                // a start that fails is retried by systemd: the user data does not wait for it
                "systemctl start --no-block " + SERVICE + ".service");
        return userData;
    }
}
