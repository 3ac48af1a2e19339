package io.photobooth.fleet;

import static io.photobooth.fleet.FleetFixtures.GROUPS;
import static io.photobooth.fleet.FleetFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.photobooth.catalogue.PhotoboothProperties.GeneratorGroup;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class IdleCheckTest {

    private final IdleCheck check = new IdleCheck(GROUPS);

    @SuppressWarnings("unchecked")
    private List<GeneratorGroup> candidates(Object... rows) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setBody(List.of(rows));
        check.candidates(exchange);
        return exchange.getMessage().getBody(List.class);
    }

    @Test
    void aReadyGroupQuietForTheIdleTimeoutIsACandidate() {
        assertThat(candidates(row("sketch", GeneratorState.READY, Duration.ofMinutes(5), Duration.ofMinutes(30))))
                .extracting(GeneratorGroup::key).containsExactly("sketch");
        assertThat(candidates(row("sketch", GeneratorState.READY, Duration.ofMinutes(4), Duration.ofMinutes(30))))
                .as("activity 4 minutes ago").isEmpty();
    }

    @Test
    void aStartingGroupGetsItsBootGraceBeforeItMayBeStopped() {
        assertThat(candidates(row("comic", GeneratorState.STARTING, Duration.ofMinutes(10), Duration.ofMinutes(2))))
                .as("started 2 minutes ago, boot grace 3").isEmpty();
        assertThat(candidates(row("comic", GeneratorState.STARTING, Duration.ofMinutes(10), Duration.ofMinutes(3))))
                .extracting(GeneratorGroup::key).containsExactly("comic");
    }

    @Test
    void stoppedAndStoppingGroupsAndGroupsNoLongerInTheCatalogueAreNoCandidates() {
        assertThat(candidates(
                row("sketch", GeneratorState.STOPPED, Duration.ofHours(1), null),
                row("comic", GeneratorState.STOPPING, Duration.ofHours(1), Duration.ofHours(2)),
                row("retired", GeneratorState.READY, Duration.ofHours(1), Duration.ofHours(2)))).isEmpty();
    }

    @Test
    void describesTheStopClaimOfAGroup() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setBody(GROUPS.byKey("noir@globex"));

        check.describe(exchange);

        assertThat(exchange.getMessage().getHeaders())
                .containsEntry(FleetHeaders.GROUP, "noir@globex")
                .containsEntry(KioskHeaders.CONCEPT, "noir")
                .containsEntry(FleetHeaders.VENDORS, "globex")
                .containsEntry(FleetHeaders.IDLE_TIMEOUT, "PT5M")
                .containsEntry(FleetHeaders.BOOT_GRACE, "PT3M");
    }
}
