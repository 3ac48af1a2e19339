package io.photobooth.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.support.KioskClient;
import io.photobooth.support.LocalIntegrationTest;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The served OpenAPI document matches the kiosk routes: every REST verb of the CamelContext is
 * documented with its operation id, the vendor key as security and its answers, and nothing else is.
 */
@LocalIntegrationTest
class OpenApiDocumentTest {

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    record Operation(String method, String path, VerbDefinition verb) {
        String pointer() {
            return "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method;
        }
    }

    List<Operation> restOperations() {
        List<Operation> operations = new ArrayList<>();
        for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                operations.add(new Operation(verb.asVerb(), rest.getPath() + verb.getPath(), verb));
            }
        }
        return operations;
    }

    @Test
    void shouldDocumentEveryKioskOperationWithItsKeyAndAnswers() {
        JsonNode document = new KioskClient(port).get("/api/v1/openapi.json").json();
        List<Operation> operations = restOperations();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(5);

        for (Operation operation : operations) {
            JsonNode documented = document.at(operation.pointer());
            assertThat(documented.isMissingNode()).as("%s %s is documented", operation.method(), operation.path())
                    .isFalse();
            assertThat(documented.get("operationId").asText()).isEqualTo(operation.verb().getId());
            assertThat(documented.get("security").toString()).as("security of " + operation.path())
                    .contains("vendorApiKey");
            assertThat(documented.get("responses").fieldNames()).toIterable().as("answers of " + operation.path())
                    .anyMatch(code -> code.startsWith("2"))
                    .contains("401", "406", "503");
        }
        assertThat(document.at("/components/securitySchemes/vendorApiKey/name").asText()).isEqualTo("X-Api-Key");
    }

    @Test
    void shouldDocumentNoOperationThatNoRouteServes() {
        JsonNode document = new KioskClient(port).get("/api/v1/openapi.json").json();
        List<String> served = restOperations().stream().map(op -> op.method() + " " + op.path()).toList();

        List<String> documented = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method + " " + path.getKey())));

        assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
    }
}
