package io.photobooth.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.photobooth.catalogue.PhotoboothProperties.GeneratorGroup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the generator's service finds in its environment is what the settings secret holds: the boot
 * script's Python (run here with {@code python3}, as on the AMI) writes the secret's JSON as the
 * {@code EnvironmentFile} that systemd reads, and {@link #systemdEnvironment} reads it back as
 * systemd does. Generated passwords hold backslashes and quotes, which an unquoted value loses.
 */
class GeneratorUserDataTest {

    /** A settings secret with the characters that systemd treats specially in an environment file. */
    private static final String SECRET = """
            {"DATABASE_URL": "jdbc:postgresql://db.example:5432/photobooth?sslmode=require&x=1",
             "DATABASE_PASSWORD": "a\\\\b\\"c'd`e$f#g;h",
             "REDIS_PASSWORD": "'starts with a quote",
             "PHOTOBOOTH_SHARE_SECRET": "\\"ends with a backslash\\\\",
             "PHOTOBOOTH_PUBLIC_URL": "https://photos.example.com ",
             "PHOTOBOOTH_SKETCH_INSTANCES": ""}
            """;

    private static final GeneratorGroup GROUP = new GeneratorGroup("sketch", "sketch", Set.of("demo"), List.of(),
            Duration.ZERO, Duration.ZERO);

    private static String userData() {
        return GeneratorUserData.of(GROUP, "prod", "photobooth-bucket", "eu-west-1",
                SynthesizedStack.SETTINGS.settingsSecretArn()).render();
    }

    @Test
    void theServiceGetsEverySettingOfTheSecretUnchanged() throws Exception {
        assumeTrue(python3(), "python3 is needed to run the boot script's Python");
        assertThat(userData()).contains("| python3 -c '" + GeneratorUserData.SECRET_TO_ENVIRONMENT + "'");

        Process python = new ProcessBuilder("python3", "-c", GeneratorUserData.SECRET_TO_ENVIRONMENT).start();
        python.getOutputStream().write(SECRET.getBytes(StandardCharsets.UTF_8));
        python.getOutputStream().close();
        String environmentFile = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor()).as(new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("DATABASE_URL", "jdbc:postgresql://db.example:5432/photobooth?sslmode=require&x=1");
        expected.put("DATABASE_PASSWORD", "a\\b\"c'd`e$f#g;h");
        expected.put("REDIS_PASSWORD", "'starts with a quote");
        expected.put("PHOTOBOOTH_SHARE_SECRET", "\"ends with a backslash\\");
        expected.put("PHOTOBOOTH_PUBLIC_URL", "https://photos.example.com ");
        expected.put("PHOTOBOOTH_SKETCH_INSTANCES", "");
        assertThat(systemdEnvironment(environmentFile)).containsExactlyEntriesOf(expected);
    }

    /**
     * One unit, whose start reads the instance id and the secret: a failed IMDS or Secrets Manager call
     * fails that start, and systemd starts it again for as long as the instance runs. (A oneshot unit
     * that the service {@code Requires=} failed once for good, and the service never started.)
     */
    @Test
    void aStartWhoseInstanceIdOrSecretCannotBeReadIsRetriedForGood() {
        String userData = userData();
        Map<String, String> files = heredocs(userData);
        assertThat(files.keySet()).filteredOn(path -> path.startsWith("/etc/systemd/system/"))
                .containsExactly(GeneratorUserData.UNIT_FILE);
        Map<String, Map<String, List<String>>> unit = unitFile(files.get(GeneratorUserData.UNIT_FILE));

        Map<String, List<String>> service = unit.get("Service");
        assertThat(service.get("ExecStartPre")).containsExactly("+" + GeneratorUserData.ENV_SCRIPT);
        assertThat(service.get("EnvironmentFile"))
                .containsExactly(GeneratorUserData.SETTINGS_FILE, "-" + GeneratorUserData.ENVIRONMENT_FILE);
        assertThat(service.get("ExecStart")).containsExactly("/usr/bin/java -jar /opt/photobooth/photobooth.jar");
        assertThat(service.get("User")).containsExactly("photobooth");
        assertThat(service.get("Restart")).containsExactly("on-failure");
        assertThat(Integer.parseInt(service.get("RestartSec").getFirst())).isPositive();
        assertThat(service).doesNotContainKeys("Type", "RemainAfterExit", "StartLimitIntervalSec", "StartLimitBurst");

        Map<String, List<String>> unitSection = unit.get("Unit");
        assertThat(unitSection.get("StartLimitIntervalSec")).containsExactly("0");
        assertThat(unitSection).doesNotContainKeys("Requires", "BindsTo", "Requisite", "StartLimitAction");
        assertThat(unitSection.get("After")).containsExactly("network-online.target");
        assertThat(unitSection.get("Wants")).containsExactly("network-online.target");

        // the script that ExecStartPre runs is written, and writes the file that ExecStart reads
        assertThat(files.get(GeneratorUserData.ENV_SCRIPT))
                .contains("set -euo pipefail")
                .endsWith("mv " + GeneratorUserData.ENVIRONMENT_FILE + ".new " + GeneratorUserData.ENVIRONMENT_FILE);
        assertThat(userData).contains("chmod 755 " + GeneratorUserData.ENV_SCRIPT)
                .contains("systemctl enable photobooth-generator.service")
                .endsWith("systemctl start --no-block photobooth-generator.service");
    }

    /**
     * The ExecStartPre script, run with {@code bash}: while IMDS or Secrets Manager fails it exits
     * non-zero (so that start fails and is retried) and leaves no environment file; once both answer,
     * the file holds the instance id and every setting of the secret, as systemd reads them.
     */
    @Test
    void theStartScriptFailsWhileImdsOrTheSecretFailsAndWritesTheEnvironmentOnceBothAnswer(@TempDir Path dir)
            throws Exception {
        assumeTrue(python3() && bash(), "bash and python3 are needed to run the boot script");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path run = dir.resolve("run");
        Path settings = dir.resolve("generator.env");
        Files.writeString(settings, "AWS_REGION=eu-west-1\nPHOTOBOOTH_SETTINGS_SECRET="
                + SynthesizedStack.SETTINGS.settingsSecretArn() + "\n");
        Files.writeString(dir.resolve("secret.json"), "{\"DATABASE_PASSWORD\": \"a\\\\b$c\", \"REDIS_TLS\": \"true\"}");
        executable(bin.resolve("curl"), """
                #!/bin/bash
                [ -e "$STUBS/curl-fails" ] && exit 7
                case "$*" in
                  *"-X PUT http://169.254.169.254/latest/api/token"*) echo token-1 ;;
                  *"X-aws-ec2-metadata-token: token-1"*"/latest/meta-data/instance-id"*) echo i-0123456789abcdef0 ;;
                  *) exit 22 ;;
                esac
                """);
        executable(bin.resolve("aws"), """
                #!/bin/bash
                echo "$*" > "$STUBS/aws-args"
                [ -e "$STUBS/aws-fails" ] && { echo 'Could not connect to the endpoint URL' >&2; exit 255; }
                cat "$STUBS/secret.json"
                """);
        String script = heredocs(userData()).get(GeneratorUserData.ENV_SCRIPT)
                .replace(GeneratorUserData.SETTINGS_FILE, settings.toString())
                .replace(GeneratorUserData.RUN_DIR, run.toString());
        Path environmentFile = run.resolve("generator.env");

        Files.createFile(dir.resolve("aws-fails"));
        assertThat(runScript(script, dir, bin)).isNotZero();
        assertThat(environmentFile).doesNotExist();
        assertThat(Files.readString(dir.resolve("aws-args")))
                .contains("--region eu-west-1 --secret-id " + SynthesizedStack.SETTINGS.settingsSecretArn());

        Files.delete(dir.resolve("aws-fails"));
        Files.createFile(dir.resolve("curl-fails"));
        assertThat(runScript(script, dir, bin)).isNotZero();
        assertThat(environmentFile).doesNotExist();

        Files.delete(dir.resolve("curl-fails"));
        assertThat(runScript(script, dir, bin)).isZero();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("GENERATOR_INSTANCE_ID", "i-0123456789abcdef0");
        expected.put("DATABASE_PASSWORD", "a\\b$c");
        expected.put("REDIS_TLS", "true");
        assertThat(systemdEnvironment(Files.readString(environmentFile))).containsExactlyEntriesOf(expected);
    }

    private static int runScript(String script, Path dir, Path bin) throws IOException, InterruptedException {
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true)
                .redirectOutput(dir.resolve("script.log").toFile());
        bash.environment().put("STUBS", dir.toString());
        bash.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        return bash.start().waitFor();
    }

    private static void executable(Path path, String content) throws IOException {
        Files.writeString(path, content);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The files the user data writes with {@code cat > path <<'TAG'}, by path. */
    static Map<String, String> heredocs(String userData) {
        Map<String, String> files = new LinkedHashMap<>();
        Pattern start = Pattern.compile("cat > (\\S+) <<'(\\w+)'");
        List<String> lines = userData.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = start.matcher(lines.get(i));
            if (matcher.matches()) {
                List<String> content = new ArrayList<>();
                while (!lines.get(++i).equals(matcher.group(2))) {
                    content.add(lines.get(i));
                }
                files.put(matcher.group(1), String.join("\n", content));
            }
        }
        return files;
    }

    /** A unit file's directives by section, each directive's values in their order. */
    static Map<String, Map<String, List<String>>> unitFile(String content) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> section = null;
        for (String line : content.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = sections.computeIfAbsent(line.substring(1, line.length() - 1), name -> new LinkedHashMap<>());
            } else {
                int equals = line.indexOf('=');
                section.computeIfAbsent(line.substring(0, equals), key -> new ArrayList<>()).add(line.substring(equals + 1));
            }
        }
        return sections;
    }

    private static boolean bash() {
        try {
            return new ProcessBuilder("bash", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static boolean python3() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private enum State { KEY, PRE_VALUE, VALUE, VALUE_ESCAPE, SINGLE_QUOTED, DOUBLE_QUOTED, DOUBLE_QUOTED_ESCAPE }

    /**
     * The variables of an {@code EnvironmentFile} as systemd reads them (systemd.exec(5); the parser
     * is {@code src/basic/env-file.c}): a value may be single-quoted (taken as is) or double-quoted
     * (where a backslash escapes {@code \ " ` $} and stays before any other character); unquoted, a
     * backslash escapes the next character and is dropped, and trailing whitespace is cut. Comment
     * lines are not handled: the boot script writes none.
     */
    static Map<String, String> systemdEnvironment(String file) {
        Map<String, String> variables = new LinkedHashMap<>();
        StringBuilder key = new StringBuilder();
        StringBuilder value = new StringBuilder();
        int unquotedEnd = 0;
        State state = State.KEY;
        for (char c : (file + "\n").toCharArray()) {
            switch (state) {
                case KEY -> {
                    if (c == '=') {
                        state = State.PRE_VALUE;
                    } else if (c == '\n') {
                        key.setLength(0);
                    } else {
                        key.append(c);
                    }
                }
                case PRE_VALUE, VALUE -> {
                    if (c == '\n') {
                        variables.put(key.toString().strip(),
                                state == State.VALUE ? value.substring(0, unquotedEnd) : value.toString());
                        key.setLength(0);
                        value.setLength(0);
                        state = State.KEY;
                    } else if (c == '\\') {
                        state = State.VALUE_ESCAPE;
                    } else if (state == State.PRE_VALUE && c == '\'') {
                        state = State.SINGLE_QUOTED;
                    } else if (state == State.PRE_VALUE && c == '"') {
                        state = State.DOUBLE_QUOTED;
                    } else if (state == State.VALUE || !Character.isWhitespace(c)) {
                        value.append(c);
                        unquotedEnd = Character.isWhitespace(c) ? unquotedEnd : value.length();
                        state = State.VALUE;
                    }
                }
                case VALUE_ESCAPE -> {
                    if (c != '\n') {
                        value.append(c);
                    }
                    unquotedEnd = value.length();
                    state = State.VALUE;
                }
                case SINGLE_QUOTED -> {
                    if (c == '\'') {
                        state = State.PRE_VALUE;
                    } else {
                        value.append(c);
                    }
                }
                case DOUBLE_QUOTED -> {
                    if (c == '"') {
                        state = State.PRE_VALUE;
                    } else if (c == '\\') {
                        state = State.DOUBLE_QUOTED_ESCAPE;
                    } else {
                        value.append(c);
                    }
                }
                case DOUBLE_QUOTED_ESCAPE -> {
                    if ("\"\\`$".indexOf(c) < 0 && c != '\n') {
                        value.append('\\');
                    }
                    if (c != '\n') {
                        value.append(c);
                    }
                    state = State.DOUBLE_QUOTED;
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return variables;
    }
}
