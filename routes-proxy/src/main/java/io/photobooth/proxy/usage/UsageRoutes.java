package io.photobooth.proxy.usage;

import io.photobooth.kiosk.JsonAnswer;
import io.photobooth.proxy.KioskErrors;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.RequestSql;
import io.photobooth.usage.UsageFormat;
import io.photobooth.usage.UsageQuery;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code usage}: any proxy answers the calling vendor's usage over a range of UTC days, per day and
 * concept, from the database in one statement; as JSON, or as a CSV attachment when the kiosk asks
 * for {@code text/csv} or {@code format=csv}. A vendor only ever sees its own requests: the
 * statement's {@code vendor} is the one its key authenticates.
 */
@Component
@ProxyRole
public class UsageRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "usage";
    public static final String ENDPOINT = "direct:usage";

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID).routeConfigurationId(KioskErrors.ID)
                .process("vendorAuthenticator").id("usage-authenticate")
                .process("usageQuery").id("usage-check-query")
                .setBody(constant(UsageSql.SELECT_USAGE))
                .to(RequestSql.JDBC).id("usage-load")
                .process("usageReport").id("usage-report")
                .choice().id("usage-format")
                    .when(exchangeProperty(UsageQuery.FORMAT).isEqualTo(UsageFormat.CSV))
                        .process("usageCsv").id("usage-csv-answer")
                    .otherwise()
                        .process(JsonAnswer.withStatus(200)).id("usage-answer")
                .end();
    }
}
