package io.photobooth.proxy.fleet;

import io.photobooth.catalogue.PhotoboothProperties.GeneratorGroup;
import io.photobooth.fleet.GeneratorGroups;
import io.photobooth.fleet.GeneratorState;
import io.photobooth.fleet.GeneratorStates;
import io.photobooth.proxy.ProxyRole;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The recorded state of each generator group, from the {@code generator_group} table that every
 * proxy shares. On start-up it adds the catalogue's groups that the table lacks, as stopped, so
 * that the fleet routes always find their group's row.
 */
@Component("generatorStates")
@ProxyRole
public class JdbcGeneratorStates implements GeneratorStates {

    private final JdbcTemplate jdbc;

    public JdbcGeneratorStates(JdbcTemplate jdbc, GeneratorGroups groups) {
        this.jdbc = jdbc;
        for (GeneratorGroup group : groups.all()) {
            jdbc.update(FleetSql.INSERT_GROUP, group.key());
        }
    }

    @Override
    public GeneratorState state(String groupKey) {
        return jdbc.query(FleetSql.SELECT_STATE, (row, number) -> GeneratorState.valueOf(row.getString(1)), groupKey)
                .stream().findFirst().orElse(GeneratorState.STOPPED);
    }
}
