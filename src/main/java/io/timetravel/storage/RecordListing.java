package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.POLICYHOLDERS;

import io.timetravel.domain.Instants;
import io.timetravel.domain.Page;
import io.timetravel.domain.RecordSummary;
import io.timetravel.domain.Ids;
import io.timetravel.service.RecordQuery;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Searching the record list, over the one-row-per-record policyholders table. */
final class RecordListing {

    private RecordListing() {
    }

    static Page<RecordSummary> list(DSLContext dsl, RecordQuery query) {
        Condition condition = DSL.trueCondition();
        if (query.text() != null) {
            String like = "%" + escapeLike(query.text().toLowerCase(java.util.Locale.ROOT)) + "%";
            Condition byName = DSL.lower(POLICYHOLDERS.NAME).like(like, '\\');
            long id = Ids.parsePositiveLong(query.text());
            condition = condition.and(id > 0 ? byName.or(POLICYHOLDERS.ID.eq(id)) : byName);
        }
        if (query.region() != null) {
            condition = condition.and(POLICYHOLDERS.REGION.eq(query.region()));
        }
        if (query.ids() != null) {
            condition = condition.and(POLICYHOLDERS.ID.in(query.ids()));
        }
        int total = dsl.fetchCount(POLICYHOLDERS, condition);
        List<RecordSummary> items = dsl.selectFrom(POLICYHOLDERS)
                .where(condition)
                .orderBy(POLICYHOLDERS.ID)
                .limit(query.limit())
                .offset(query.offset())
                .fetch(row -> new RecordSummary(row.getId(), row.getName(), row.getRegion(), row.getLatestVersion(),
                        Instants.parseStored(row.getCreatedAt()), Instants.parseStored(row.getUpdatedAt()), row.getUpdatedBy()));
        return new Page<>(items, query.limit(), query.offset(), total);
    }

    static List<String> regions(DSLContext dsl) {
        return dsl.selectDistinct(POLICYHOLDERS.REGION)
                .from(POLICYHOLDERS)
                .where(POLICYHOLDERS.REGION.isNotNull())
                .orderBy(POLICYHOLDERS.REGION)
                .fetch(POLICYHOLDERS.REGION);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
