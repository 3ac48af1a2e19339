package io.photobooth.bench.fleet;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Event-driven simulation of one concept's generators over one day: STOPPED → STARTING (boot) →
 * READY → STOPPING (stop) → STOPPED. A pre-request starts stopped generators; one that comes while
 * they stop starts them again once they are stopped, as EC2 cannot start a stopping instance. A main
 * request enqueues one job per shot, and each instance converts one shot at a time. The stop rule
 * says when idle generators stop.
 */
public final class FleetSimulation {

    private enum State { STOPPED, STARTING, READY, STOPPING }

    private record Event(long at, long order, Runnable action) {
    }

    private final DayTrace day;
    private final Generators generators;
    private final StopRule rule;
    private final PriorityQueue<Event> events =
            new PriorityQueue<>(Comparator.comparingLong(Event::at).thenComparingLong(Event::order));
    private final Deque<Integer> jobs = new ArrayDeque<>();
    private final int[] shotsLeft;
    private final List<Integer> waitingForBoot = new ArrayList<>();
    private final List<Duration> bootWaits = new ArrayList<>();
    private State state = State.STOPPED;
    private long now;
    private long scheduled;
    private long lastActivity;
    private long startedAt;
    private long instanceMillis;
    private int starts;
    private int requestsInFlight;
    private int idleInstances;

    private FleetSimulation(DayTrace day, Generators generators, StopRule rule) {
        this.day = day;
        this.generators = generators;
        this.rule = rule;
        this.shotsLeft = day.customers().stream().mapToInt(Customer::shots).toArray();
    }

    /** Runs the day until the generators have stopped for the last time. */
    public static FleetOutcome run(DayTrace day, Generators generators, StopRule rule) {
        return new FleetSimulation(day, generators, rule).run();
    }

    private FleetOutcome run() {
        if (rule instanceof StopRule.OpeningHours) {
            schedule(day.opens().minus(generators.boot()).toMillis(), this::startIfStopped);
        }
        for (int customer = 0; customer < day.customers().size(); customer++) {
            int id = customer;
            schedule(customer(id).preRequestAt().toMillis(), this::preRequest);
            schedule(customer(id).mainRequestAt().toMillis(), () -> mainRequest(id));
        }
        while (!events.isEmpty()) {
            Event event = events.poll();
            now = event.at();
            event.action().run();
        }
        return new FleetOutcome(1, Duration.ofMillis(instanceMillis), starts, day.customers().size(),
                bootWaits);
    }

    private void preRequest() {
        requestsInFlight++;
        lastActivity = now;
        startIfStopped();
    }

    private void mainRequest(int customer) {
        lastActivity = now;
        for (int shot = 0; shot < customer(customer).shots(); shot++) {
            jobs.add(customer);
        }
        if (state == State.READY) {
            convert();
        } else {
            waitingForBoot.add(customer);
        }
    }

    private void startIfStopped() {
        if (state == State.STOPPED) {
            state = State.STARTING;
            starts++;
            startedAt = now;
            schedule(now + generators.boot().toMillis(), this::booted);
        }
    }

    private void booted() {
        state = State.READY;
        idleInstances = generators.instances();
        for (int customer : waitingForBoot) {
            bootWaits.add(Duration.ofMillis(now - customer(customer).mainRequestAt().toMillis()));
        }
        waitingForBoot.clear();
        convert();
        stopWhenIdle();
    }

    private void convert() {
        while (idleInstances > 0 && !jobs.isEmpty()) {
            int customer = jobs.poll();
            idleInstances--;
            schedule(now + generators.perShot().toMillis(), () -> shotConverted(customer));
        }
    }

    private void shotConverted(int customer) {
        idleInstances++;
        lastActivity = now;
        if (--shotsLeft[customer] == 0) {
            requestsInFlight--;
        }
        convert();
        stopWhenIdle();
    }

    private void stopWhenIdle() {
        if (idle()) {
            schedule(Math.max(now, stopAt()), this::stopIfStillIdle);
        }
    }

    private void stopIfStillIdle() {
        if (idle() && now >= stopAt()) {
            state = State.STOPPING;
            instanceMillis += generators.instances() * (now - startedAt);
            schedule(now + generators.stop().toMillis(), this::stopped);
        }
    }

    private void stopped() {
        state = State.STOPPED;
        if (requestsInFlight > 0) {
            startIfStopped();
        }
    }

    private boolean idle() {
        return state == State.READY && requestsInFlight == 0 && jobs.isEmpty()
                && idleInstances == generators.instances();
    }

    private long stopAt() {
        return rule.stopAt(Duration.ofMillis(lastActivity), day).toMillis();
    }

    private Customer customer(int id) {
        return day.customers().get(id);
    }

    private void schedule(long at, Runnable action) {
        events.add(new Event(at, scheduled++, action));
    }
}
