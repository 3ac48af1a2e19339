package io.photobooth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.photobooth.bench.fleet.Site;
import io.photobooth.bench.fleet.StopRule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdleTimeoutCostSimulationTest {

    private static final IdleTimeoutCostSimulation TWO_DAYS = new IdleTimeoutCostSimulation(
            IdleTimeoutCostSimulation.ONE_G4DN_XLARGE, IdleTimeoutCostSimulation.KIOSK_CUSTOMER, 1.0,
            List.of(new StopRule.OpeningHours(), new StopRule.IdleTimeout(Duration.ofMinutes(5))), 2, 1);

    @Test
    void shouldPrintOneRowPerStopRuleForATinySite() {
        String markdown = TWO_DAYS.markdown(List.of(new Site("tiny site", 1, 10, List.of(4.0))));

        assertThat(markdown.lines().filter(line -> line.startsWith("| ")))
                .hasSize(3)
                .first().asString().startsWith("| stop rule | instance hours/day | USD/day | starts/day");
        assertThat(markdown)
                .contains("**tiny site**: 1 kiosk, 10:00 to 11:00, 4 customers a day expected (2 days simulated)")
                .contains("| always on (opening hours) | 1.03 | 1.03 | 1.0 | 0.0 % | – | – |")
                .contains("| idle timeout 5 min |");
    }

    @Test
    void shouldPrintTheSameTablesEveryRun() {
        List<Site> sites = IdleTimeoutCostSimulation.SITES;

        assertThat(TWO_DAYS.markdown(sites)).isEqualTo(TWO_DAYS.markdown(sites));
    }
}
