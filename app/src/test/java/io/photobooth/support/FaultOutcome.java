package io.photobooth.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.photobooth.contract.ObjectKeys;
import io.photobooth.support.FaultKiosks.Incident;
import io.photobooth.support.FaultKiosks.Journey;

import org.springframework.jdbc.core.JdbcTemplate;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a fault did to the kiosks' requests, read from the kiosks' journeys, the database and S3:
 * the requests in flight during the fault and those with a failed call, how they ended, how long
 * after the fault was lifted the first conversion finished and every affected request was final,
 * and whether any result was lost (a DONE shot without its object in S3, or one the kiosk could
 * not download) or recorded twice (more than one {@code shot-done} event of a shot, more than one
 * final event of a request, more than one result object of a shot).
 */
public final class FaultOutcome {

    private final String fault;
    private final List<Journey> journeys;
    private final List<Journey> affected;
    private final List<Journey> withIncidents;
    private final Instant injected;
    private final Instant lifted;
    private final Duration firstConversion;
    private final Duration allAffectedFinal;
    private final List<String> lost;
    private final List<String> duplicated;
    private final List<String> databaseMismatches;
    private final double conversions;

    private FaultOutcome(String fault, List<Journey> journeys, Instant injected, Instant lifted, JdbcTemplate jdbc,
            S3Client s3, String bucket, String env, double conversions) {
        this.fault = fault;
        this.journeys = journeys;
        this.injected = injected;
        this.lifted = lifted;
        this.conversions = conversions;
        this.affected = journeys.stream().filter(journey -> journey.inFlightBetween(injected, lifted)).toList();
        this.withIncidents = journeys.stream().filter(journey -> !journey.incidents().isEmpty()).toList();
        Timestamp first = jdbc.queryForObject("select min(s.finished_at) from shot s join conversion_request r"
                + " using (request_id) where s.status = 'DONE' and s.finished_at >= ? and r.created_at >= ?",
                Timestamp.class, Timestamp.from(lifted),
                Timestamp.from(journeys.getFirst().startedAt().minusSeconds(1)));
        this.firstConversion = first == null ? null : Duration.between(lifted, first.toInstant());
        this.allAffectedFinal = affected.stream().map(Journey::endedAt).filter(Objects::nonNull)
                .max(Instant::compareTo).map(end -> Duration.between(lifted, end)).orElse(null);
        this.lost = journeys.stream().filter(Journey::ended).flatMap(journey -> lostResults(journey, jdbc, s3, bucket,
                env).stream()).toList();
        this.duplicated = journeys.stream().filter(journey -> journey.requestId() != null)
                .flatMap(journey -> duplicates(journey, jdbc, s3, bucket, env).stream()).toList();
        this.databaseMismatches = journeys.stream().filter(Journey::ended)
                .filter(journey -> !journey.status().equals(jdbc.queryForObject(
                        "select status from conversion_request where request_id = cast(? as uuid)", String.class,
                        journey.requestId())))
                .map(Journey::toString).toList();
    }

    /**
     * Reads the outcome; {@code conversions} is how often the model ran meanwhile (the generator's
     * inference count).
     */
    public static FaultOutcome of(String fault, List<Journey> journeys, Instant injected, Instant lifted,
            JdbcTemplate jdbc, S3Client s3, String bucket, String env, double conversions) {
        return new FaultOutcome(fault, journeys, injected, lifted, jdbc, s3, bucket, env, conversions);
    }

    private static List<String> lostResults(Journey journey, JdbcTemplate jdbc, S3Client s3, String bucket,
            String env) {
        List<Integer> doneShots = jdbc.queryForList("select shot from shot where request_id = cast(? as uuid)"
                + " and status = 'DONE' order by shot", Integer.class, journey.requestId());
        List<String> keys = s3.listObjectsV2Paginator(list -> list.bucket(bucket)
                .prefix(ObjectKeys.resultPrefix(env, "demo", journey.requestId()))).contents().stream()
                .map(S3Object::key).toList();
        List<String> missing = doneShots.stream()
                .filter(shot -> !keys.contains(ObjectKeys.result(env, "demo", journey.requestId(), shot)))
                .map(shot -> journey.requestId() + " shot " + shot + " is DONE without its result in S3").toList();
        if (journey.resultsShown() != doneShots.size()) {
            return Stream.concat(missing.stream(), Stream.of(journey.requestId()
                    + ": the kiosk showed " + journey.resultsShown() + " of " + doneShots.size() + " DONE results"))
                    .toList();
        }
        return missing;
    }

    private static List<String> duplicates(Journey journey, JdbcTemplate jdbc, S3Client s3, String bucket,
            String env) {
        List<String> found = new ArrayList<>(jdbc.queryForList("select 'shot ' || shot || ': '"
                + " || count(*) || ' shot-done events' from request_event where request_id = cast(? as uuid)"
                + " and type = 'shot-done' group by shot having count(*) > 1", String.class, journey.requestId()));
        found.addAll(jdbc.queryForList("select count(*) || ' final events' from request_event"
                + " where request_id = cast(? as uuid) and type in ('done', 'failed') having count(*) > 1",
                String.class, journey.requestId()));
        long results = s3.listObjectsV2Paginator(list -> list.bucket(bucket)
                .prefix(ObjectKeys.resultPrefix(env, "demo", journey.requestId()))).contents().stream()
                .filter(object -> object.key().endsWith(".jpg")).count();
        Integer shots = jdbc.queryForObject("select shots from conversion_request where request_id = cast(? as uuid)",
                Integer.class, journey.requestId());
        if (results > shots) {
            found.add(results + " result objects for " + shots + " shots");
        }
        return found.stream().map(duplicate -> journey.requestId() + ": " + duplicate).toList();
    }

    /** Every request begun ended DONE or FAILED as the database says, none lost, none recorded twice. */
    public FaultOutcome assertNothingLostOrDuplicated() {
        assertThat(journeys).as("requests begun").isNotEmpty();
        assertThat(journeys).as("requests without a final answer (stuck)").allMatch(Journey::ended);
        assertThat(journeys).as("every request ended DONE or with a reported failure")
                .allMatch(journey -> journey.status().equals("DONE") || journey.status().equals("FAILED"));
        assertThat(journeys.stream().filter(journey -> journey.status().equals("FAILED")))
                .as("a FAILED request says why").allMatch(journey -> journey.results().stream()
                        .filter(shot -> shot.get("status").asText().equals("FAILED"))
                        .allMatch(shot -> shot.has("error")));
        assertThat(databaseMismatches).as("the kiosk's final status is the database's").isEmpty();
        assertThat(lost).as("lost results").isEmpty();
        assertThat(duplicated).as("results recorded twice").isEmpty();
        assertThat(journeys.stream().flatMap(journey -> journey.incidents().stream()).map(Incident::outcome))
                .as("a kiosk call that met the fault is told to retry (503 service-unavailable), never 500")
                .noneMatch(outcome -> outcome.startsWith("500"));
        return this;
    }

    /**
     * Every request in flight during the fault had its final answer within {@code bound} of the
     * fault being lifted.
     */
    public FaultOutcome assertAffectedFinalWithin(Duration bound) {
        assertThat(allAffectedFinal).as("all affected requests final after the fault was lifted")
                .isLessThanOrEqualTo(bound);
        return this;
    }

    /** The fault met requests in flight, so the test shows what it did to them. */
    public FaultOutcome assertTrafficMetTheFault() {
        assertThat(affected).as("requests in flight between the fault and its end").isNotEmpty();
        return this;
    }

    public List<Journey> affected() {
        return affected;
    }

    /** A few lines for the log and docs/reliability.md. */
    public String report() {
        Map<String, Long> endings = affected.stream().collect(Collectors.groupingBy(
                journey -> journey.status() + " by " + journey.endedBy(), TreeMap::new, Collectors.counting()));
        Map<String, Long> incidents = withIncidents.stream().flatMap(journey -> journey.incidents().stream())
                .collect(Collectors.groupingBy(incident -> incident.call() + ": " + incident.outcome()
                        .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}"), TreeMap::new, Collectors.counting()));
        long shots = journeys.stream().filter(Journey::ended).mapToLong(journey -> journey.results().size()).sum();
        return String.format("FAULT %s: fault %d ms; requests %d (DONE %d, FAILED %d), %d in flight during the fault,"
                        + " %d with a failed or refused call; affected ended %s; recovery after the fault was lifted:"
                        + " first conversion %s ms, all affected final %s ms; model runs %.0f for %d shots;"
                        + " lost %d, recorded twice %d; failed calls %s",
                fault, Duration.between(injected, lifted).toMillis(), journeys.size(),
                journeys.stream().filter(journey -> "DONE".equals(journey.status())).count(),
                journeys.stream().filter(journey -> "FAILED".equals(journey.status())).count(),
                affected.size(), withIncidents.size(), endings,
                firstConversion == null ? "none" : firstConversion.toMillis(),
                allAffectedFinal == null ? "none" : allAffectedFinal.toMillis(),
                conversions, shots, lost.size(), duplicated.size(), incidents);
    }
}
