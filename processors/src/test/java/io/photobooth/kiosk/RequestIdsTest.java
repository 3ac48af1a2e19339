package io.photobooth.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    @Test
    void shouldIssueCanonicalIdsThatParseBack() {
        String id = RequestIds.next();

        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(RequestIds.parse(id)).contains(UUID.fromString(id));
        assertThat(RequestIds.parse(id).orElseThrow().toString()).isEqualTo(id);
    }

    @Test
    void shouldIssueDistinctIds() {
        Set<String> ids = IntStream.range(0, 1000).mapToObj(i -> RequestIds.next()).collect(Collectors.toSet());

        assertThat(ids).hasSize(1000);
    }

    @Test
    void shouldParseCanonicalLowerCaseId() {
        assertThat(RequestIds.parse("0f8fad5b-d9cb-469f-a165-70867728950e"))
                .contains(new UUID(0x0f8fad5bd9cb469fL, 0xa16570867728950eL));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "0F8FAD5B-D9CB-469F-A165-70867728950E",
        "0f8fad5b-d9cb-469f-a165-70867728950E",
        "../x",
        "..%2f..%2fetc%2fpasswd",
        "%2e%2e",
        "0f8fad5b-d9cb-469f-a165-70867728950e/../x",
        "0f8fad5b-d9cb-469f-a165-70867728950e%00",
        "0f8fad5b-d9cb-469f-a165-70867728950e\n",
        " 0f8fad5b-d9cb-469f-a165-70867728950e",
        "' OR '1'='1",
        "1; DROP TABLE requests;--",
        "0f8fad5bd9cb469fa16570867728950e",
        "{0f8fad5b-d9cb-469f-a165-70867728950e}",
        "0f8fad5b-d9cb-469f-a165-70867728950",
        "0f8fad5b-d9cb-469f-a165-70867728950e0",
        "1-1-1-1-1",
        "0f8fad5g-d9cb-469f-a165-70867728950e"
    })
    void shouldRefuseAnythingButCanonicalForm(String requestId) {
        assertThat(RequestIds.parse(requestId)).isEmpty();
    }
}
