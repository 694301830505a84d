package io.timetravel.storage;

import static io.timetravel.storage.jooq.Tables.ACCESS_LOG;
import static io.timetravel.storage.jooq.Tables.ACCESS_RECORDS;
import static io.timetravel.storage.jooq.Tables.API_TOKENS;
import static io.timetravel.storage.jooq.Tables.FIELD_POLICIES;
import static io.timetravel.storage.jooq.Tables.USERS;

import io.timetravel.domain.Instants;
import io.timetravel.domain.Page;
import io.timetravel.domain.access.AccessEntry;
import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.domain.access.Role;
import io.timetravel.domain.access.User;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.service.AccessLogQuery;
import io.timetravel.service.AccessStore;
import io.timetravel.service.AuditWrites;
import io.timetravel.service.EventWrites;
import io.timetravel.storage.jooq.tables.records.AccessLogRecord;
import io.timetravel.storage.jooq.tables.records.FieldPoliciesRecord;
import io.timetravel.storage.jooq.tables.records.UsersRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Users, tokens, field policies and the access log in their tables, written through the record
 * store's single writer (so an access entry commits with the batch it belongs to) and read on
 * its read connections.
 */
public final class SqlAccessStore implements AccessStore {

    private final SqlRecordStore store;
    private final byte[] maskingKey;

    public SqlAccessStore(SqlRecordStore store, byte[] maskingKey) {
        this.store = store;
        this.maskingKey = maskingKey.clone();
    }

    @Override
    public <T> CompletableFuture<T> write(Work<Session, T> work) {
        return store.writer().submit(session -> work.run(new RowSession(session)));
    }

    @Override
    public List<User> users() {
        return store.readers().read(s -> s.dsl().selectFrom(USERS).orderBy(USERS.ID).fetch(SqlAccessStore::user));
    }

    @Override
    public Optional<User> user(long id) {
        return store.readers().read(s -> s.dsl().selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional())
                .map(SqlAccessStore::user);
    }

    @Override
    public Optional<User> userByOsAccount(String osUser) {
        return store.readers().read(s -> s.dsl().selectFrom(USERS).where(USERS.OS_USER.eq(osUser)).fetchOptional())
                .map(SqlAccessStore::user);
    }

    @Override
    public Optional<TokenGrant> token(String tokenHash) {
        return store.readers().read(s -> s.dsl().selectFrom(API_TOKENS).where(API_TOKENS.TOKEN_HASH.eq(tokenHash)).fetchOptional())
                .map(row -> new TokenGrant(row.getUserId(), instant(row.getExpiresAt()), instant(row.getRevokedAt())));
    }

    @Override
    public List<FieldPolicy> policies() {
        return store.readers().read(s -> s.dsl().selectFrom(FIELD_POLICIES).orderBy(FIELD_POLICIES.PATH)
                .fetch(SqlAccessStore::policy));
    }

    @Override
    public Page<AccessEntry> accessLog(AccessLogQuery query) {
        Condition condition = DSL.trueCondition();
        if (query.recordId() != null) {
            condition = condition.and(ACCESS_LOG.ID.in(DSL.select(ACCESS_RECORDS.ACCESS_ID).from(ACCESS_RECORDS)
                    .where(ACCESS_RECORDS.RECORD_ID.eq(query.recordId()))));
        }
        if (query.actor() != null) {
            condition = condition.and(ACCESS_LOG.ACTOR.eq(query.actor()));
        }
        condition = InstantColumns.within(condition, ACCESS_LOG.ACCESSED_AT, query.from(), query.to());
        Condition where = condition;
        return store.readers().read(s -> {
            long total = s.dsl().fetchCount(ACCESS_LOG, where);
            List<AccessEntry> items = s.dsl().selectFrom(ACCESS_LOG).where(where)
                    .orderBy(ACCESS_LOG.ID.desc())
                    .limit(query.limit())
                    .offset(query.offset())
                    .fetch(SqlAccessStore::access);
            return new Page<>(items, query.limit(), query.offset(), total);
        });
    }

    @Override
    public byte[] maskingKey() {
        return maskingKey.clone();
    }

    private static User user(UsersRecord row) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String key : row.getRoles().split(",")) {
            Role.of(key).ifPresent(roles::add);
        }
        return new User(row.getId(), row.getName(), roles, row.getPii() != 0, row.getOsUser(), row.getActive() != 0,
                Instants.parseStored(row.getCreatedAt()), row.getCreatedBy());
    }

    private static FieldPolicy policy(FieldPoliciesRecord row) {
        FieldPolicy.Masking masking = FieldPolicy.Masking.of(row.getMasking())
                .orElseThrow(() -> new CorruptStoreException("field policy " + row.getPath() + " has unknown masking " + row.getMasking()));
        return new FieldPolicy(row.getPath(), masking, row.getVisibleChars().intValue());
    }

    private static AccessEntry access(AccessLogRecord row) {
        List<Long> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        try {
            if (JsonParser.parse(row.getRecordIds()) instanceof JsonArray ids) {
                ids.elements().forEach(id -> records.add(((JsonNumber) id).value().longValueExact()));
            }
            if (JsonParser.parse(row.getFields()) instanceof JsonArray paths) {
                paths.elements().forEach(path -> fields.add(((JsonString) path).value()));
            }
        } catch (JsonParseException | ClassCastException | ArithmeticException e) {
            throw new CorruptStoreException("access log entry " + row.getId() + " is unreadable: " + e.getMessage());
        }
        return new AccessEntry(row.getId(), Instants.parseStored(row.getAccessedAt()),
                new Actor(row.getActor(), row.getActorVerified() != 0), row.getEndpoint(), records, fields);
    }

    private static Instant instant(String text) {
        return text == null ? null : Instants.parseStored(text);
    }

    /** A unit of work's view of the access tables, on the writer's connection. */
    private static final class RowSession implements Session {

        private final WriterSession session;
        private final DSLContext dsl;

        RowSession(WriterSession session) {
            this.session = session;
            this.dsl = session.dsl();
        }

        @Override
        public Instant recordedAt() {
            return session.now();
        }

        @Override
        public Optional<User> user(long id) {
            return dsl.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional().map(SqlAccessStore::user);
        }

        @Override
        public Optional<User> userByOsAccount(String osUser) {
            return dsl.selectFrom(USERS).where(USERS.OS_USER.eq(osUser)).fetchOptional().map(SqlAccessStore::user);
        }

        @Override
        public void saveUser(User user) {
            String roles = user.roles().stream().sorted().map(Role::key).collect(Collectors.joining(","));
            dsl.insertInto(USERS)
                    .set(USERS.ID, user.id())
                    .set(USERS.NAME, user.name())
                    .set(USERS.ROLES, roles)
                    .set(USERS.PII, user.pii() ? 1L : 0L)
                    .set(USERS.OS_USER, user.osUser())
                    .set(USERS.ACTIVE, user.active() ? 1L : 0L)
                    .set(USERS.CREATED_AT, Instants.format(user.createdAt()))
                    .set(USERS.CREATED_BY, user.createdBy())
                    .onConflict(USERS.ID)
                    .doUpdate()
                    .set(USERS.NAME, user.name())
                    .set(USERS.ROLES, roles)
                    .set(USERS.PII, user.pii() ? 1L : 0L)
                    .set(USERS.OS_USER, user.osUser())
                    .set(USERS.ACTIVE, user.active() ? 1L : 0L)
                    .execute();
        }

        @Override
        public void insertToken(long userId, String tokenHash, Instant createdAt, Instant expiresAt) {
            dsl.insertInto(API_TOKENS)
                    .set(API_TOKENS.USER_ID, userId)
                    .set(API_TOKENS.TOKEN_HASH, tokenHash)
                    .set(API_TOKENS.CREATED_AT, Instants.format(createdAt))
                    .set(API_TOKENS.EXPIRES_AT, expiresAt == null ? null : Instants.format(expiresAt))
                    .execute();
        }

        @Override
        public int revokeTokens(long userId, Instant revokedAt) {
            return dsl.update(API_TOKENS)
                    .set(API_TOKENS.REVOKED_AT, Instants.format(revokedAt))
                    .where(API_TOKENS.USER_ID.eq(userId))
                    .and(API_TOKENS.REVOKED_AT.isNull())
                    .execute();
        }

        @Override
        public Optional<FieldPolicy> policy(String path) {
            return dsl.selectFrom(FIELD_POLICIES).where(FIELD_POLICIES.PATH.eq(path)).fetchOptional().map(SqlAccessStore::policy);
        }

        @Override
        public void savePolicy(FieldPolicy policy, Instant updatedAt, long updatedBy) {
            dsl.insertInto(FIELD_POLICIES)
                    .set(FIELD_POLICIES.PATH, policy.path())
                    .set(FIELD_POLICIES.MASKING, policy.masking().key())
                    .set(FIELD_POLICIES.VISIBLE_CHARS, (long) policy.visibleChars())
                    .set(FIELD_POLICIES.UPDATED_AT, Instants.format(updatedAt))
                    .set(FIELD_POLICIES.UPDATED_BY, updatedBy)
                    .onConflict(FIELD_POLICIES.PATH)
                    .doUpdate()
                    .set(FIELD_POLICIES.MASKING, policy.masking().key())
                    .set(FIELD_POLICIES.VISIBLE_CHARS, (long) policy.visibleChars())
                    .set(FIELD_POLICIES.UPDATED_AT, Instants.format(updatedAt))
                    .set(FIELD_POLICIES.UPDATED_BY, updatedBy)
                    .execute();
        }

        @Override
        public void deletePolicy(String path) {
            dsl.deleteFrom(FIELD_POLICIES).where(FIELD_POLICIES.PATH.eq(path)).execute();
        }

        @Override
        public void appendAccess(AccessEntry entry) {
            long id = dsl.insertInto(ACCESS_LOG)
                    .set(ACCESS_LOG.ACCESSED_AT, Instants.format(entry.accessedAt()))
                    .set(ACCESS_LOG.ACTOR, entry.actor().id())
                    .set(ACCESS_LOG.ACTOR_VERIFIED, entry.actor().verified() ? 1L : 0L)
                    .set(ACCESS_LOG.ENDPOINT, entry.endpoint())
                    .set(ACCESS_LOG.RECORD_IDS, JsonArray.of(entry.recordIds().stream()
                            .map(id1 -> (JsonValue) JsonNumber.of(id1)).toList()).toJson())
                    .set(ACCESS_LOG.FIELDS, JsonArray.of(entry.fields().stream()
                            .map(field -> (JsonValue) JsonString.of(field)).toList()).toJson())
                    .returningResult(ACCESS_LOG.ID)
                    .fetchOne()
                    .value1();
            for (long recordId : entry.recordIds()) {
                dsl.insertInto(ACCESS_RECORDS).set(ACCESS_RECORDS.ACCESS_ID, id).set(ACCESS_RECORDS.RECORD_ID, recordId).execute();
            }
        }

        @Override
        public void appendAudit(AuditWrites.AuditDraft entry) {
            session.appendAudit(entry);
        }

        @Override
        public long appendEvent(EventWrites.EventDraft event) {
            return session.appendEvent(event);
        }
    }
}
