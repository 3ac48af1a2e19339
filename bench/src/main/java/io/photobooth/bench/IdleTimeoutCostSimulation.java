package io.photobooth.bench;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import io.photobooth.bench.fleet.CustomerBehaviour;
import io.photobooth.bench.fleet.DayTrace;
import io.photobooth.bench.fleet.FleetOutcome;
import io.photobooth.bench.fleet.FleetSimulation;
import io.photobooth.bench.fleet.Generators;
import io.photobooth.bench.fleet.Site;
import io.photobooth.bench.fleet.StopRule;
import io.photobooth.bench.fleet.TraceGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.LongStream;

/**
 * Prints, as Markdown, what a day of kiosk traffic costs in GPU instance hours under each stop rule,
 * for a quiet and a busy site, averaged over {@code days} days of seeds {@code seed} onwards. The
 * assumptions are the constants below; docs/operations.md ("What the idle timeout costs") explains
 * them and how to run this.
 *
 * @param hourlyPrice USD per instance hour
 */
public record IdleTimeoutCostSimulation(
        Generators generators, CustomerBehaviour behaviour, double hourlyPrice, List<StopRule> rules,
        int days, long seed) {

    /** g4dn.xlarge, Linux on-demand, us-east-1, USD per hour: AWS's list price as last known (2025). */
    static final double G4DN_XLARGE_HOURLY_PRICE = 0.526;

    /** One g4dn.xlarge per concept: boot 105 s, stop 45 s, 1.5 s per shot. */
    static final Generators ONE_G4DN_XLARGE = new Generators(1, ofSeconds(105), ofSeconds(45), ofMillis(1500));

    /** 20 s of instructions, 10 to 30 s per shot; half buy one shot, a quarter four. */
    static final CustomerBehaviour KIOSK_CUSTOMER =
            new CustomerBehaviour(ofSeconds(20), ofSeconds(10), ofSeconds(30), List.of(0.50, 0.15, 0.10, 0.25));

    /** Demand from 10:00 to 22:00 relative to the peak: a quiet morning, lunch and evening peaks. */
    static final List<Double> DAY_SHAPE = List.of(0.3, 0.5, 0.9, 1.0, 0.6, 0.5, 0.6, 0.8, 1.0, 0.9, 0.6, 0.3);

    /** A quiet site, one kiosk with 3 customers in a peak hour, and a busy one, six kiosks with 10 each. */
    static final List<Site> SITES = List.of(site("quiet site", 1, 3), site("busy site", 6, 10));

    static final List<StopRule> RULES = List.of(new StopRule.OpeningHours(),
            idle(0), idle(1), idle(2), idle(5), idle(10), idle(15), idle(30));

    public static void main(String[] args) {
        IdleTimeoutCostSimulation simulation = new IdleTimeoutCostSimulation(
                ONE_G4DN_XLARGE, KIOSK_CUSTOMER, G4DN_XLARGE_HOURLY_PRICE, RULES, 30, 1);
        System.out.print(simulation.markdown(SITES));
    }

    /** One table per site, one row per stop rule. */
    String markdown(List<Site> sites) {
        StringBuilder markdown = new StringBuilder();
        for (Site site : sites) {
            List<DayTrace> traces = LongStream.range(seed, seed + days)
                    .mapToObj(daySeed -> TraceGenerator.day(site, behaviour, daySeed))
                    .toList();
            markdown.append(heading(site));
            markdown.append("| stop rule | instance hours/day | USD/day | starts/day"
                    + " | customers delayed by a boot | extra wait p50 | extra wait p95 |\n");
            markdown.append("|---|--:|--:|--:|--:|--:|--:|\n");
            for (StopRule rule : rules) {
                markdown.append(row(rule, outcome(traces, rule)));
            }
        }
        return markdown.toString();
    }

    private String heading(Site site) {
        return format("%n**%s**: %d %s, %s to %s, %.0f customers a day expected (%d days simulated)%n%n",
                site.name(), site.kiosks(), site.kiosks() == 1 ? "kiosk" : "kiosks", clock(site.opens()),
                clock(site.closes()), site.expectedCustomers(), days);
    }

    private FleetOutcome outcome(List<DayTrace> traces, StopRule rule) {
        return traces.stream()
                .map(trace -> FleetSimulation.run(trace, generators, rule))
                .reduce(FleetOutcome::plus)
                .orElseThrow();
    }

    private String row(StopRule rule, FleetOutcome outcome) {
        return format("| %s | %.2f | %.2f | %.1f | %.1f %% | %s | %s |%n", rule.label(),
                outcome.instanceHoursPerDay(), outcome.instanceHoursPerDay() * hourlyPrice,
                outcome.startsPerDay(), outcome.delayedShare() * 100,
                seconds(outcome.bootWait(50)), seconds(outcome.bootWait(95)));
    }

    private static Site site(String name, int kiosks, double peakCustomersPerKioskHour) {
        return new Site(name, kiosks, 10,
                DAY_SHAPE.stream().map(share -> share * peakCustomersPerKioskHour).toList());
    }

    private static StopRule idle(int minutes) {
        return new StopRule.IdleTimeout(ofMinutes(minutes));
    }

    private static String seconds(Optional<Duration> wait) {
        return wait.map(duration -> format("%.0f s", duration.toMillis() / 1000.0)).orElse("–");
    }

    private static String clock(Duration sinceMidnight) {
        return format("%02d:%02d", sinceMidnight.toHours(), sinceMidnight.toMinutesPart());
    }

    private static String format(String pattern, Object... arguments) {
        return String.format(Locale.ROOT, pattern, arguments);
    }
}
