package io.photobooth.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Optional;

import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class VendorAuthenticatorTest {

    /** A key kept in the database: acme's, and one of a vendor the catalogue does not know. */
    private final ApiKeys.Store database = keyHash -> keyHash.equals(ApiKeys.hash("acme-db-key"))
            ? Optional.of("acme")
            : keyHash.equals(ApiKeys.hash("initech-key")) ? Optional.of("initech") : Optional.empty();

    private final VendorAuthenticator authenticator = new VendorAuthenticator(TestCatalogue.properties(), database);

    @Test
    void shouldFindAKeyKeptInTheDatabase() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.API_KEY, "acme-db-key");

        authenticator.process(exchange);

        assertThat(exchange.getMessage().getHeader(KioskHeaders.VENDOR)).isEqualTo("acme");
        assertThat(exchange.getProperty(VendorAuthenticator.API_KEY_HASH)).isEqualTo(ApiKeys.hash("acme-db-key"));
    }

    @Test
    void shouldRefuseADatabaseKeyOfAVendorOutsideTheCatalogue() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.API_KEY, "initech-key");

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> authenticator.process(exchange));

        assertThat(problem.type()).isEqualTo(ProblemType.UNAUTHORIZED);
    }

    @Test
    void shouldSetVendorHeaderOfKnownApiKey() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader("X-Api-Key", "acme-key-2");

        authenticator.process(exchange);

        assertThat(exchange.getMessage().getHeader(KioskHeaders.VENDOR)).isEqualTo("acme");
    }

    @Test
    void shouldRefuseMissingApiKey() {
        Exchange exchange = TestCatalogue.exchange();

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> authenticator.process(exchange));

        assertThat(problem.type()).isEqualTo(ProblemType.UNAUTHORIZED);
        assertThat(problem.type().status()).isEqualTo(401);
        assertThat(problem.getMessage()).contains("required");
        assertThat(exchange.getMessage().getHeader(KioskHeaders.VENDOR)).isNull();
    }

    @Test
    void shouldRefuseUnknownApiKey() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.API_KEY, "stolen-key");

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> authenticator.process(exchange));

        assertThat(problem.type()).isEqualTo(ProblemType.UNAUTHORIZED);
        assertThat(problem.getMessage()).contains("not known");
        assertThat(exchange.getMessage().getHeader(KioskHeaders.VENDOR)).isNull();
    }

    @Test
    void shouldRefuseEmptyApiKey() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.API_KEY, "");

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> authenticator.process(exchange));

        assertThat(problem.type()).isEqualTo(ProblemType.UNAUTHORIZED);
    }

    @Test
    void shouldRemoveSpoofedServerHeadersOfAuthenticatedRequest() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.API_KEY, "globex-key");
        exchange.getMessage().setHeader("vendor", "acme");
        exchange.getMessage().setHeader("concept", "sketch");
        exchange.getMessage().setHeader("shots", "4");
        exchange.getMessage().setHeader("shot", "1");
        exchange.getMessage().setHeader("photoContentType", "image/png");
        exchange.getMessage().setHeader("requestStatus", "DONE");
        exchange.getMessage().setHeader("idempotencyKey", "forged");

        authenticator.process(exchange);

        assertThat(exchange.getMessage().getHeader("vendor")).isEqualTo("globex");
        assertThat(exchange.getMessage().getHeaders())
                .doesNotContainKeys("concept", "shots", "shot", "photoContentType", "requestStatus", "idempotencyKey");
    }

    @Test
    void shouldRemoveSpoofedHeadersWhateverTheirCase() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.API_KEY, "globex-key");
        exchange.getMessage().setHeader("VENDOR", "acme");
        exchange.getMessage().setHeader("Concept", "sketch");

        authenticator.process(exchange);

        assertThat(exchange.getMessage().getHeader("vendor")).isEqualTo("globex");
        assertThat(exchange.getMessage().getHeaders().keySet())
                .noneMatch(name -> name.equalsIgnoreCase("concept"))
                .filteredOn(name -> name.equalsIgnoreCase("vendor")).containsExactly("vendor");
    }

    @Test
    void shouldRemoveSpoofedHeadersEvenWhenRefusing() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.API_KEY, "unknown");
        exchange.getMessage().setHeader("vendor", "acme");
        exchange.getMessage().setHeader("concept", "sketch");

        catchThrowableOfType(ApiProblem.class, () -> authenticator.process(exchange));

        assertThat(exchange.getMessage().getHeaders()).doesNotContainKeys("vendor", "concept", "X-Api-Key");
    }

    @Test
    void shouldRemoveApiKeyHeader() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader("x-api-key", "acme-key-1");

        authenticator.process(exchange);

        assertThat(exchange.getMessage().getHeader(KioskHeaders.API_KEY)).isNull();
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKey("x-api-key");
        assertThat(exchange.getMessage().getHeader(KioskHeaders.VENDOR)).isEqualTo("acme");
    }
}
