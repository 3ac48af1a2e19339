package io.photobooth.proxy.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.photobooth.fleet.FleetHeaders;
import io.photobooth.fleet.GeneratorGroups;
import io.photobooth.fleet.GeneratorState;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.ProxyConfiguration;
import io.photobooth.proxy.support.FleetDatabase;
import io.photobooth.proxy.support.ProxyRouteTestBeans;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.ec2.AWS2EC2Constants;
import org.apache.camel.component.aws2.ec2.AWS2EC2Operations;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * The fleet routes ({@code warm-generator-sketch}, {@code start-generators}, {@code generator-watch},
 * {@code idle-stop}) with every {@code aws2-ec2} call replaced by {@code mock:ec2}, which answers like
 * EC2 from instance states the test sets, the Redis heartbeats by {@code mock:heartbeats} and the
 * queue depth check by {@code mock:queue-depths}; the timers are replaced by direct endpoints the
 * test ticks. The shared state is a real PostgreSQL, since what these tests prove (one start for
 * many warm-ups, no stop against a new pre-request) is its row locking. Each test asserts exactly
 * which EC2 operations and instance ids were called.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = FleetRoutesTest.Slice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class FleetRoutesTest {

    @SpringBootConfiguration
    @Import({ProxyRouteTestBeans.class, ProxyConfiguration.class, FleetDatabase.class, WarmGeneratorRoutes.class,
        StartGeneratorsRoutes.class, GeneratorWatchRoutes.class, IdleStopRoutes.class})
    static class Slice {
        /** Calls the warm-up in line, as pre-request and main-request do, and then goes on. */
        @Bean
        RouteBuilder warmUpCaller() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:warm-up-caller")
                            .to(WarmGeneratorRoutes.endpointOf("sketch"))
                            .setHeader("callerWentOn", constant(true));
                }
            };
        }
    }

    static final String WATCH_TICK = "direct:watch-tick";
    static final String IDLE_TICK = "direct:idle-tick";
    static final List<String> SKETCH = List.of("i-sketch-1", "i-sketch-2");

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    GeneratorGroups groups;

    MockEndpoint ec2;
    MockEndpoint heartbeats;
    MockEndpoint queueDepths;

    final Map<String, InstanceStateName> instances = new ConcurrentHashMap<>();
    final Set<String> announced = ConcurrentHashMap.newKeySet();
    volatile long pendingJobs;
    volatile Runnable duringQueueCheck = () -> { };

    @BeforeEach
    void adviseOnce() throws Exception {
        if (!camelContext.isStarted()) {
            AdviceWith.adviceWith(camelContext, StartGeneratorsRoutes.ROUTE_ID, route -> {
                route.weaveById("describe-generators").replace().to("mock:ec2");
                route.weaveById("start-stopped-generators").replace().to("mock:ec2");
            });
            AdviceWith.adviceWith(camelContext, GeneratorWatchRoutes.ROUTE_ID, route -> {
                route.replaceFromWith(WATCH_TICK);
                route.weaveById("describe-group").replace().to("mock:ec2");
                route.weaveById("read-heartbeats").replace().to("mock:heartbeats");
                route.weaveById("restart-generators").replace().to("mock:ec2");
                route.weaveById("stop-generators-again").replace().to("mock:ec2");
            });
            AdviceWith.adviceWith(camelContext, IdleStopRoutes.ROUTE_ID, route -> {
                route.replaceFromWith(IDLE_TICK);
                route.weaveById("count-queued-jobs").replace().to("mock:queue-depths");
                route.weaveById("describe-idle-generators").replace().to("mock:ec2");
                route.weaveById("stop-generators").replace().to("mock:ec2");
            });
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
        ec2 = camelContext.getEndpoint("mock:ec2", MockEndpoint.class);
        heartbeats = camelContext.getEndpoint("mock:heartbeats", MockEndpoint.class);
        queueDepths = camelContext.getEndpoint("mock:queue-depths", MockEndpoint.class);
        ec2.whenAnyExchangeReceived(this::answerLikeEc2);
        heartbeats.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(groups.allInstanceIds().stream()
                .map(id -> announced.contains(id) ? "{\"instanceId\":\"" + id + "\"}" : null)
                .toList()));
        queueDepths.whenAnyExchangeReceived(exchange -> {
            duringQueueCheck.run();
            exchange.getMessage().setHeader(FleetHeaders.PENDING_JOBS, pendingJobs);
        });
        jdbc.update("delete from conversion_request");
        jdbc.update("delete from generator_group");
        jdbc.update(FleetSql.INSERT_GROUP, "sketch");
        instances.clear();
        sketchInstances(InstanceStateName.STOPPED);
        announced.clear();
        pendingJobs = 0;
        duringQueueCheck = () -> { };
    }

    @Test
    void aColdStartDescribesTheInstancesAndStartsTheStoppedOnesWithoutTheKioskWaiting() throws Exception {
        ec2.expectedMessageCount(2);

        Exchange warmUp = warm();

        assertThat(warmUp.getMessage().getHeader(FleetHeaders.STATE)).isEqualTo(GeneratorState.STARTING);
        assertThat(state()).isEqualTo("STARTING");
        ec2.assertIsSatisfied();
        assertThat(calls()).containsExactly(
                call(AWS2EC2Operations.describeInstances, SKETCH),
                call(AWS2EC2Operations.startInstances, SKETCH));
    }

    @Test
    void onlyTheStoppedInstancesAreStarted() throws Exception {
        instances.put("i-sketch-1", InstanceStateName.RUNNING);
        ec2.expectedMessageCount(2);

        warm();

        ec2.assertIsSatisfied();
        assertThat(calls()).containsExactly(
                call(AWS2EC2Operations.describeInstances, SKETCH),
                call(AWS2EC2Operations.startInstances, List.of("i-sketch-2")));
    }

    @Test
    void aReadyGroupIsNotStartedAgain() throws Exception {
        setGroup("READY", "interval '1 hour'", null);
        ec2.expectedMessageCount(0);
        ec2.setAssertPeriod(300);

        Exchange warmUp = warm();

        assertThat(warmUp.getMessage().getHeader(FleetHeaders.STATE)).isEqualTo(GeneratorState.READY);
        ec2.assertIsSatisfied();
        assertThat(state()).isEqualTo("READY");
    }

    @Test
    void concurrentPreRequestsCauseOneStartCall() throws Exception {
        ec2.expectedMessageCount(2);
        ec2.setAssertPeriod(300);
        int kiosks = 16;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(kiosks);
        List<Future<Exchange>> warmUps = new ArrayList<>();
        for (int kiosk = 0; kiosk < kiosks; kiosk++) {
            warmUps.add(pool.submit(() -> {
                go.await();
                return warm();
            }));
        }

        go.countDown();
        List<Object> told = new ArrayList<>();
        for (Future<Exchange> warmUp : warmUps) {
            told.add(warmUp.get().getMessage().getHeader(FleetHeaders.STATE));
        }
        pool.shutdown();

        assertThat(told).hasSize(kiosks).containsOnly(GeneratorState.STARTING);
        ec2.assertIsSatisfied();
        assertThat(calls()).containsExactly(
                call(AWS2EC2Operations.describeInstances, SKETCH),
                call(AWS2EC2Operations.startInstances, SKETCH));
    }

    @Test
    void stoppingInstancesAreStartedOnceTheyReachStopped() throws Exception {
        setGroup("READY", "interval '10 minutes'", "interval '1 hour'");
        sketchInstances(InstanceStateName.RUNNING);
        template.sendBody(IDLE_TICK, null);
        assertThat(state()).isEqualTo("STOPPING");
        sketchInstances(InstanceStateName.STOPPING);
        MockEndpoint.resetMocks(camelContext);
        ec2.whenAnyExchangeReceived(this::answerLikeEc2);
        heartbeats.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of()));

        Exchange warmUp = warm();
        template.sendBody(WATCH_TICK, null);

        assertThat(warmUp.getMessage().getHeader(FleetHeaders.STATE)).as("the kiosk hears it is being started")
                .isEqualTo(GeneratorState.STARTING);
        assertThat(calls()).as("nothing to start while the instances are stopping")
                .containsExactly(call(AWS2EC2Operations.describeInstances, SKETCH));

        instances.put("i-sketch-1", InstanceStateName.STOPPED);
        template.sendBody(WATCH_TICK, null);
        assertThat(state()).as("one instance is still stopping").isEqualTo("STOPPING");
        instances.put("i-sketch-2", InstanceStateName.STOPPED);
        template.sendBody(WATCH_TICK, null);

        assertThat(state()).isEqualTo("STARTING");
        assertThat(calls()).endsWith(
                call(AWS2EC2Operations.describeInstances, SKETCH),
                call(AWS2EC2Operations.startInstances, SKETCH));
    }

    @Test
    void anIdleGroupIsStoppedByOneProxyOnly() throws Exception {
        setGroup("READY", "interval '6 minutes'", "interval '1 hour'");
        sketchInstances(InstanceStateName.RUNNING);

        template.sendBody(IDLE_TICK, null);
        template.sendBody(IDLE_TICK, null);

        assertThat(state()).isEqualTo("STOPPING");
        assertThat(calls()).as("the second round finds it stopping").containsExactly(
                call(AWS2EC2Operations.describeInstances, SKETCH),
                call(AWS2EC2Operations.stopInstances, SKETCH));
    }

    @Test
    void aPreRequestArrivingDuringTheIdleCheckWinsOverTheStop() throws Exception {
        setGroup("READY", "interval '6 minutes'", "interval '1 hour'");
        sketchInstances(InstanceStateName.RUNNING);
        duringQueueCheck = this::warm;

        template.sendBody(IDLE_TICK, null);

        assertThat(state()).isEqualTo("READY");
        assertThat(calls()).as("the queues were empty, but a customer paid meanwhile").isEmpty();
        assertThat(queueDepths.getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void aGroupWithJobsQueuedOrRequestsInFlightIsNotStopped() throws Exception {
        setGroup("READY", "interval '6 minutes'", "interval '1 hour'");
        sketchInstances(InstanceStateName.RUNNING);
        pendingJobs = 1;
        template.sendBody(IDLE_TICK, null);
        assertThat(state()).as("a job on the queue").isEqualTo("READY");

        pendingJobs = 0;
        jdbc.update("insert into conversion_request (request_id, vendor, concept, shots, status, content_type, created_at,"
                + " deadline_seconds) values (?, 'demo', 'sketch', 1, 'QUEUED', 'image/jpeg', now() - interval '1 hour', 120)",
                UUID.randomUUID());
        template.sendBody(IDLE_TICK, null);
        assertThat(state()).as("a request queued").isEqualTo("READY");

        jdbc.update("update conversion_request set status = 'DONE', finished_at = now() - interval '1 minute'");
        template.sendBody(IDLE_TICK, null);
        assertThat(state()).as("a result delivered a minute ago").isEqualTo("READY");

        jdbc.update("update conversion_request set finished_at = now() - interval '6 minutes'");
        template.sendBody(IDLE_TICK, null);
        assertThat(state()).isEqualTo("STOPPING");
        assertThat(calls()).containsExactly(
                call(AWS2EC2Operations.describeInstances, SKETCH),
                call(AWS2EC2Operations.stopInstances, SKETCH));
    }

    @Test
    void aStartingGroupBecomesReadyWhenAGeneratorAnnouncesItself() throws Exception {
        ec2.expectedMessageCount(2);
        warm();
        ec2.assertIsSatisfied();
        sketchInstances(InstanceStateName.RUNNING);

        template.sendBody(WATCH_TICK, null);
        assertThat(state()).as("running, not yet serving").isEqualTo("STARTING");

        announced.add("i-sketch-2");
        template.sendBody(WATCH_TICK, null);
        assertThat(state()).isEqualTo("READY");
    }

    @Test
    void aGroupStoppedWithoutCustomersSinceIsLetGo() throws Exception {
        setGroup("READY", "interval '10 minutes'", "interval '1 hour'");
        sketchInstances(InstanceStateName.RUNNING);
        template.sendBody(IDLE_TICK, null);
        heartbeats.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of()));

        template.sendBody(WATCH_TICK, null);
        assertThat(state()).as("EC2 says stopping").isEqualTo("STOPPING");
        sketchInstances(InstanceStateName.STOPPED);
        template.sendBody(WATCH_TICK, null);

        assertThat(state()).isEqualTo("STOPPED");
        assertThat(calls()).as("no start").containsExactly(
                call(AWS2EC2Operations.describeInstances, SKETCH),
                call(AWS2EC2Operations.stopInstances, SKETCH),
                call(AWS2EC2Operations.describeInstances, SKETCH),
                call(AWS2EC2Operations.describeInstances, SKETCH));
    }

    @Test
    void aStopThatDidNotTakeIsAskedAgain() throws Exception {
        setGroup("STOPPING", "interval '10 minutes'", "interval '1 hour'");
        jdbc.update("update generator_group set stop_requested_at = clock_timestamp() - interval '4 minutes'");
        sketchInstances(InstanceStateName.RUNNING);

        template.sendBody(WATCH_TICK, null);

        assertThat(state()).isEqualTo("STOPPING");
        assertThat(calls()).containsExactly(
                call(AWS2EC2Operations.describeInstances, SKETCH),
                call(AWS2EC2Operations.stopInstances, SKETCH));
        assertThat(jdbc.queryForObject("select stop_requested_at > clock_timestamp() - interval '1 minute'"
                + " from generator_group", Boolean.class)).as("asked again now").isTrue();
    }

    @Test
    void concurrentIdleChecksOfSeveralProxiesStopTheGroupOnce() throws Exception {
        setGroup("READY", "interval '6 minutes'", "interval '1 hour'");
        sketchInstances(InstanceStateName.RUNNING);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> rounds = new ArrayList<>();
        for (int proxy = 0; proxy < 4; proxy++) {
            rounds.add(pool.submit(() -> {
                go.await();
                return template.requestBody(IDLE_TICK, (Object) null);
            }));
        }

        go.countDown();
        for (Future<?> round : rounds) {
            round.get();
        }
        pool.shutdown();

        assertThat(state()).isEqualTo("STOPPING");
        assertThat(calls()).containsExactly(
                call(AWS2EC2Operations.describeInstances, SKETCH),
                call(AWS2EC2Operations.stopInstances, SKETCH));
    }

    @Test
    void aFailingWarmUpTellsTheKioskStartingAndLetsItsCallerGoOn() {
        jdbc.update("delete from generator_group");

        Exchange caller = template.request("direct:warm-up-caller", exchange -> {
            exchange.getMessage().setHeader(KioskHeaders.VENDOR, "demo");
            exchange.getMessage().setHeader(KioskHeaders.CONCEPT, "sketch");
        });

        assertThat(caller.getException()).isNull();
        assertThat(caller.getMessage().getHeader(FleetHeaders.STATE)).isEqualTo(GeneratorState.STARTING);
        assertThat(caller.getMessage().getHeader("callerWentOn")).as("the caller's next step ran").isEqualTo(true);
        assertThat(calls()).isEmpty();
    }

    private Exchange warm() {
        return template.request(WarmGeneratorRoutes.endpointOf("sketch"), exchange -> {
            exchange.getMessage().setHeader(KioskHeaders.VENDOR, "demo");
            exchange.getMessage().setHeader(KioskHeaders.CONCEPT, "sketch");
        });
    }

    /** The group's row, with its times set relative to the database's clock. */
    private void setGroup(String state, String lastActivityAgo, String startRequestedAgo) {
        jdbc.update("update generator_group set state = ?, last_activity_at = clock_timestamp() - " + lastActivityAgo
                + ", start_requested_at = " + (startRequestedAgo == null ? "null" : "clock_timestamp() - "
                + startRequestedAgo) + " where group_key = 'sketch'", state);
    }

    /** Both sketch instances, as EC2 reports them from now on. */
    private void sketchInstances(InstanceStateName state) {
        SKETCH.forEach(id -> instances.put(id, state));
    }

    private String state() {
        return jdbc.queryForObject("select state from generator_group where group_key = 'sketch'", String.class);
    }

    private void answerLikeEc2(Exchange exchange) {
        AWS2EC2Operations operation = exchange.getMessage().getHeader(AWS2EC2Constants.OPERATION,
                AWS2EC2Operations.class);
        Collection<?> ids = exchange.getMessage().getHeader(AWS2EC2Constants.INSTANCES_IDS, Collection.class);
        switch (operation) {
            case describeInstances -> exchange.getMessage().setBody(DescribeInstancesResponse.builder()
                    .reservations(Reservation.builder().instances(ids.stream()
                            .map(id -> Instance.builder().instanceId((String) id)
                                    .state(state -> state.name(instances.getOrDefault((String) id,
                                            InstanceStateName.TERMINATED)))
                                    .build())
                            .toList()).build())
                    .build());
            case startInstances -> ids.forEach(id -> instances.put((String) id, InstanceStateName.PENDING));
            case stopInstances -> ids.forEach(id -> instances.put((String) id, InstanceStateName.STOPPING));
            default -> throw new IllegalArgumentException(operation.name());
        }
    }

    private List<String> calls() {
        return ec2.getReceivedExchanges().stream()
                .map(exchange -> call(
                        exchange.getMessage().getHeader(AWS2EC2Constants.OPERATION, AWS2EC2Operations.class),
                        exchange.getMessage().getHeader(AWS2EC2Constants.INSTANCES_IDS, Collection.class)))
                .toList();
    }

    private static String call(AWS2EC2Operations operation, Collection<?> instanceIds) {
        return operation + " " + instanceIds;
    }
}
