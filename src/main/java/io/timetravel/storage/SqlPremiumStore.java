package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.EVENT_LOGS;
import static io.timetravel.storage.jooq.Tables.PREMIUM_DECISIONS;

import io.timetravel.domain.Instants;
import io.timetravel.domain.RecordTimeline;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.premium.Decision;
import io.timetravel.service.DecisionQuery;
import io.timetravel.service.EventWrites;
import io.timetravel.service.PremiumService;
import io.timetravel.service.PremiumStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jooq.Condition;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * Premium decisions: {@code premium.decided} events in {@code event_logs}, whose payload is the
 * decision, indexed in {@code premium_decisions}. Written through the record store's single writer,
 * read on its read connections.
 */
public final class SqlPremiumStore implements PremiumStore {

    /** Guards the stack against a hand edit of a payload; decisions are a few levels deep. */
    private static final int MAX_DEPTH = 64;

    private final SqlRecordStore store;

    public SqlPremiumStore(SqlRecordStore store) {
        this.store = store;
    }

    @Override
    public <T> CompletableFuture<T> write(Work<Session, T> work) {
        return store.writer().submit(session -> work.run(new DecisionSession(session)));
    }

    @Override
    public Optional<Decision> decision(long id) {
        return store.readers().read(s -> s.dsl().select(EVENT_LOGS.ID, EVENT_LOGS.PAYLOAD)
                        .from(PREMIUM_DECISIONS)
                        .join(EVENT_LOGS).on(EVENT_LOGS.ID.eq(PREMIUM_DECISIONS.ID))
                        .where(PREMIUM_DECISIONS.ID.eq(id))
                        .and(EVENT_LOGS.EVENT_TYPE.eq(PremiumService.EVENT_DECIDED))
                        .fetchOptional())
                .map(SqlPremiumStore::decision);
    }

    @Override
    public List<Decision> decisions(DecisionQuery query) {
        List<Condition> where = new ArrayList<>();
        where.add(EVENT_LOGS.EVENT_TYPE.eq(PremiumService.EVENT_DECIDED));
        if (query.recordId() != null) {
            where.add(PREMIUM_DECISIONS.RECORD_ID.eq(query.recordId()));
        }
        if (query.engine() != null) {
            where.add(PREMIUM_DECISIONS.ENGINE.eq(query.engine()));
        }
        if (query.from() != null) {
            where.add(PREMIUM_DECISIONS.DECIDED_AT.ge(Instants.format(query.from())));
        }
        if (query.to() != null) {
            where.add(PREMIUM_DECISIONS.DECIDED_AT.lt(Instants.format(query.to())));
        }
        if (query.beforeId() != null) {
            where.add(PREMIUM_DECISIONS.ID.lt(query.beforeId()));
        }
        return store.readers().read(s -> s.dsl().select(EVENT_LOGS.ID, EVENT_LOGS.PAYLOAD)
                .from(PREMIUM_DECISIONS)
                .join(EVENT_LOGS).on(EVENT_LOGS.ID.eq(PREMIUM_DECISIONS.ID))
                .where(DSL.and(where))
                .orderBy(PREMIUM_DECISIONS.ID.desc())
                .limit(query.limit())
                .fetch(SqlPremiumStore::decision));
    }

    private static Decision decision(Record2<Long, String> row) {
        long id = row.value1();
        try {
            return Decision.fromJson(id, JsonParser.parseObject(row.value2(), MAX_DEPTH));
        } catch (JsonParseException | RuntimeException e) {
            throw new CorruptStoreException("decision " + id + " (event " + id + ") does not read as a decision: " + e.getMessage());
        }
    }

    /** A unit of work's view: the writer's record timelines, and the ledger. */
    private static final class DecisionSession extends WriterRows implements Session {

        DecisionSession(WriterSession session) {
            super(session);
        }

        @Override
        public Optional<RecordTimeline> timeline(long recordId) {
            return session.timeline(recordId);
        }

        @Override
        public Decision append(Decision decision) {
            long id = session.appendEvent(new EventWrites.EventDraft(PremiumService.EVENT_DECIDED, null, null,
                    decision.decidedAt(), decision.actor(), decision.json()));
            dsl.insertInto(PREMIUM_DECISIONS)
                    .set(PREMIUM_DECISIONS.ID, id)
                    .set(PREMIUM_DECISIONS.RECORD_ID, decision.recordId())
                    .set(PREMIUM_DECISIONS.ENGINE, decision.engine())
                    .set(PREMIUM_DECISIONS.ENGINE_VERSION, (long) decision.engineVersion())
                    .set(PREMIUM_DECISIONS.DECIDED_AT, Instants.format(decision.decidedAt()))
                    .execute();
            return decision.withId(id);
        }
    }
}
