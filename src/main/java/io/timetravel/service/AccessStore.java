package io.timetravel.service;

import io.timetravel.domain.Page;
import io.timetravel.domain.access.AccessEntry;
import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.domain.access.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Users, their tokens, the field policies and the access log, as stored. */
public interface AccessStore extends SingleWriterStore<AccessStore.Session> {

    /** What a unit of work may do: with the audit trail and the event log, the access tables. */
    interface Session extends AuditWrites, EventWrites {

        /**
         * When this work happens, by the store's clock. Unlike {@link WriteSession#recordedAt()} it
         * is not a record's transaction time and does not move the clock that orders those.
         */
        Instant recordedAt();

        Optional<User> user(long id);

        Optional<User> userByOsAccount(String osUser);

        /** Inserts a new user or replaces the stored one with the same id. */
        void saveUser(User user);

        void insertToken(long userId, String tokenHash, Instant createdAt, Instant expiresAt);

        /** Revokes every live token of the user; returns how many. */
        int revokeTokens(long userId, Instant revokedAt);

        Optional<FieldPolicy> policy(String path);

        void savePolicy(FieldPolicy policy, Instant updatedAt, long updatedBy);

        void deletePolicy(String path);

        void appendAccess(AccessEntry entry);
    }

    /** A stored token, found by its hash. */
    record TokenGrant(long userId, Instant expiresAt, Instant revokedAt) {
    }

    List<User> users();

    Optional<User> user(long id);

    Optional<User> userByOsAccount(String osUser);

    Optional<TokenGrant> token(String tokenHash);

    List<FieldPolicy> policies();

    /** Access entries, newest first, filtered by the non-null parts of the query. */
    Page<AccessEntry> accessLog(AccessLogQuery query);

    /** The secret that keys hash masking: the same for the life of the installation. */
    byte[] maskingKey();
}
