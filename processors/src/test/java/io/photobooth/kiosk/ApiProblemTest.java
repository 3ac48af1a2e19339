package io.photobooth.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ApiProblemTest {

    @Test
    void shouldWriteProblemMembersInRfc9457Order() {
        ApiProblem problem = new ApiProblem(ProblemType.UNKNOWN_CONCEPT, "No concept 'x'.",
                Map.of("concepts", List.of("comic", "sketch")));

        Map<String, Object> body = problem.body("/api/v1/requests");

        assertThat(body).containsExactly(
                Map.entry("type", "urn:photobooth:problem:unknown-concept"),
                Map.entry("title", "Unknown concept"),
                Map.entry("status", 400),
                Map.entry("detail", "No concept 'x'."),
                Map.entry("instance", "/api/v1/requests"),
                Map.entry("concepts", List.of("comic", "sketch")));
    }

    @Test
    void shouldLeaveOutInstanceWhenNull() {
        Map<String, Object> body = new ApiProblem(ProblemType.UNAUTHORIZED, "Who are you?").body(null);

        assertThat(body).containsOnlyKeys("type", "title", "status", "detail");
        assertThat(body).containsEntry("status", 401).containsEntry("detail", "Who are you?");
    }

    @Test
    void shouldCopyExtensions() {
        Map<String, Object> extensions = new HashMap<>(Map.of("missingShots", List.of(2)));
        ApiProblem problem = new ApiProblem(ProblemType.UPLOADS_MISSING, "missing", extensions);

        extensions.put("later", true);

        assertThat(problem.extensions()).containsOnlyKeys("missingShots");
        assertThat(problem.body(null)).doesNotContainKey("later").containsEntry("missingShots", List.of(2));
    }

    @Test
    void shouldExposeTypeAndDetail() {
        ApiProblem problem = new ApiProblem(ProblemType.INTERNAL_ERROR, "busy");

        assertThat(problem.type()).isEqualTo(ProblemType.INTERNAL_ERROR);
        assertThat(problem.getMessage()).isEqualTo("busy");
        assertThat(problem.extensions()).isEmpty();
    }
}
