package io.photobooth.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.photobooth.catalogue.PhotoboothProperties.GeneratorGroup;

import org.junit.jupiter.api.Test;

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

    @Test
    void theServiceGetsEverySettingOfTheSecretUnchanged() throws Exception {
        assumeTrue(python3(), "python3 is needed to run the boot script's Python");
        GeneratorGroup group = new GeneratorGroup("sketch", "sketch", Set.of("demo"), List.of(), Duration.ZERO,
                Duration.ZERO);
        assertThat(GeneratorUserData.of(group, "prod", "photobooth-bucket", "eu-west-1",
                SynthesizedStack.SETTINGS.settingsSecretArn()).render())
                .contains("| python3 -c '" + GeneratorUserData.SECRET_TO_ENVIRONMENT + "'");

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
