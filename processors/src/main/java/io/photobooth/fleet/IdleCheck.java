package io.photobooth.fleet;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.photobooth.catalogue.PhotoboothProperties.GeneratorGroup;
import io.photobooth.kiosk.KioskHeaders;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The steps of the {@code idle-stop} route. {@link #candidates} picks, from the group rows, the
 * groups that look idle by their times alone: running or starting, no activity within the idle
 * timeout, and past the boot grace of their last start. {@link #describe} sets the SQL parameters
 * of one candidate's stop claim, which checks the same again in the database, under the group
 * row's lock, together with the requests still in flight: a pre-request that recorded its activity
 * first keeps the group running; one that comes after the claim finds it {@code STOPPING}, and the
 * watch starts the group again once it is stopped.
 */
public class IdleCheck {

    private static final Set<GeneratorState> RUNNING = Set.of(GeneratorState.READY, GeneratorState.STARTING);

    private final GeneratorGroups groups;

    public IdleCheck(GeneratorGroups groups) {
        this.groups = groups;
    }

    /** The body: the rows of {@code generator_group}; replaced by the idle-looking {@link GeneratorGroup}s. */
    @SuppressWarnings("unchecked")
    public void candidates(Exchange exchange) {
        Message in = exchange.getMessage();
        List<GeneratorGroupRecord> records = GeneratorGroupRecord.fromRows(in.getBody(List.class));
        in.setBody(records.stream()
                .filter(record -> RUNNING.contains(record.state()))
                .flatMap(record -> groups.find(record.key()).filter(group -> idle(record, group)).stream())
                .toList());
    }

    static boolean idle(GeneratorGroupRecord record, GeneratorGroup group) {
        boolean quiet = !record.lastActivityAt().plus(group.idleTimeout()).isAfter(record.now());
        boolean booted = record.startRequestedAt() == null
                || !record.startRequestedAt().plus(group.bootGrace()).isAfter(record.now());
        return quiet && booted;
    }

    /** The body: one {@link GeneratorGroup}; sets the headers of its queue check and stop claim. */
    public void describe(Exchange exchange) {
        Message in = exchange.getMessage();
        GeneratorGroup group = in.getBody(GeneratorGroup.class);
        in.setHeaders(Map.of(
                FleetHeaders.GROUP, group.key(),
                KioskHeaders.CONCEPT, group.concept(),
                FleetHeaders.VENDORS, String.join(",", group.vendors()),
                FleetHeaders.IDLE_TIMEOUT, group.idleTimeout().toString(),
                FleetHeaders.BOOT_GRACE, group.bootGrace().toString()));
    }
}
