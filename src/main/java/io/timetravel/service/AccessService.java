package io.timetravel.service;

import io.timetravel.domain.Actors;
import io.timetravel.domain.HashChain;
import io.timetravel.domain.Instants;
import io.timetravel.domain.Page;
import io.timetravel.domain.access.AccessEntry;
import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.FieldPolicies;
import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.domain.access.Role;
import io.timetravel.domain.access.User;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.service.AuditWrites.AuditDraft;
import io.timetravel.service.EventWrites.EventDraft;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Identity and access: users and their roles, bearer tokens, field policies, and the access
 * log of disclosed personal data. Every change is audited and logged like a record change.
 *
 * <p>Other processes (the command line) may change these tables while a server runs, so what
 * is read per request is cached ({@link AccessCache}) for at most {@link #CACHE_TTL}: a revoked token, a disabled
 * user or a new policy takes effect within that time, while a busy server checks a token with
 * one map lookup.
 */
public final class AccessService {

    /** How long a verified token, a user or the field policies are trusted before they are read again. */
    public static final Duration CACHE_TTL = Duration.ofMillis(750);
    public static final String TOKEN_PREFIX = "tt_";
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_EXPIRES_DAYS = 3650;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static final String AUDIT_USER_ADDED = "USER_ADDED";
    public static final String AUDIT_USER_CHANGED = "USER_CHANGED";
    public static final String AUDIT_TOKEN_ISSUED = "TOKEN_ISSUED";
    public static final String AUDIT_TOKENS_REVOKED = "TOKENS_REVOKED";
    public static final String AUDIT_POLICY_SET = "FIELD_POLICY_SET";
    public static final String AUDIT_POLICY_REMOVED = "FIELD_POLICY_REMOVED";

    public static final String EVENT_USER_ADDED = "user.added";
    public static final String EVENT_USER_CHANGED = "user.changed";
    public static final String EVENT_TOKEN_ISSUED = "token.issued";
    public static final String EVENT_TOKENS_REVOKED = "tokens.revoked";
    public static final String EVENT_POLICY_SET = "field_policy.set";
    public static final String EVENT_POLICY_REMOVED = "field_policy.removed";
    /**
     * The events of access administration. They say nothing about records, so they do not move
     * the store's transaction clock (see {@code AccessStore.Session#recordedAt}): a database
     * whose first admin was registered a minute ago can still be given years of sample history.
     */
    public static final List<String> EVENT_TYPES = List.of(EVENT_USER_ADDED, EVENT_USER_CHANGED, EVENT_TOKEN_ISSUED,
            EVENT_TOKENS_REVOKED, EVENT_POLICY_SET, EVENT_POLICY_REMOVED);

    private final AccessStore store;
    private final Clock clock;
    private final AccessCache cache;
    private final byte[] maskingKey;

    public AccessService(AccessStore store, Clock clock) {
        this(store, clock, CACHE_TTL);
    }

    AccessService(AccessStore store, Clock clock, Duration ttl) {
        this.store = store;
        this.clock = clock;
        this.cache = new AccessCache(ttl);
        this.maskingKey = store.maskingKey();
    }

    /** Everything cached is stale: called after each change made through this service. */
    private void changed() {
        cache.changed();
    }

    // --- who is calling -------------------------------------------------------------------------

    /**
     * The caller a bearer token stands for: empty when the token is unknown, expired, revoked or
     * its user disabled.
     */
    public Optional<Caller> authenticate(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        return cache.caller(token, () -> lookUpToken(token));
    }

    private Optional<Caller> lookUpToken(String token) {
        Instant now = clock.instant();
        return store.token(hash(token))
                .filter(grant -> grant.revokedAt() == null)
                .filter(grant -> grant.expiresAt() == null || now.isBefore(grant.expiresAt()))
                .flatMap(grant -> store.user(grant.userId()))
                .filter(User::active)
                .map(user -> user.caller(true));
    }

    /**
     * The caller for a declared identity (no authentication): a registered user acts with its
     * own roles, unverified; an unregistered id is trusted as every caller was before users
     * existed, except that once any user is registered it may no longer administer (users,
     * tokens, policies: only registered admins decide who may do what).
     *
     * @throws AccessDeniedException when the id belongs to a disabled user
     */
    public Caller declared(long id) {
        Optional<User> user = cachedUser(id);
        if (user.isEmpty()) {
            return anyUsers() ? Caller.trustedDeclaredNotAdmin(id) : Caller.trustedDeclared(id);
        }
        if (!user.get().active()) {
            throw new AccessDeniedException("user " + id + " is disabled");
        }
        return user.get().caller(false);
    }

    /** The workbench user mapped to the operating-system account {@code osUser}, verified. */
    public Optional<Caller> osAccount(String osUser) {
        return store.userByOsAccount(osUser).filter(User::active).map(user -> user.caller(true));
    }

    private boolean anyUsers() {
        return cache.anyUsers(() -> !store.users().isEmpty());
    }

    private Optional<User> cachedUser(long id) {
        return cache.user(id, () -> store.user(id));
    }

    // --- users ----------------------------------------------------------------------------------

    public List<User> users() {
        return store.users();
    }

    public Optional<User> user(long id) {
        return store.user(id);
    }

    public CompletableFuture<User> addUser(NewUser user, Actor by) {
        validateUser(user.id(), user.name(), user.roles());
        String osUser = blankToNull(user.osUser());
        return store.write(session -> {
            if (session.user(user.id()).isPresent()) {
                throw new ConflictException("user " + user.id() + " already exists");
            }
            checkOsUserFree(session, osUser, user.id());
            Instant now = session.recordedAt();
            User added = new User(user.id(), user.name().strip(), user.roles(), user.pii(), osUser, true, now, by.id());
            session.saveUser(added);
            audit(session, AUDIT_USER_ADDED, EVENT_USER_ADDED, now, by, null, json(added), null);
            return added;
        }).thenApply(this::forget);
    }

    public CompletableFuture<User> changeUser(long id, UserChange change, Actor by) {
        if (change.name() != null || change.roles() != null) {
            validateUser(id, change.name() == null ? "x" : change.name(), change.roles() == null ? Set.of(Role.AUDITOR) : change.roles());
        }
        return store.write(session -> {
            User before = session.user(id).orElseThrow(() -> new NotFoundException("user " + id + " not found"));
            String osUser = change.osUser() == null ? before.osUser() : blankToNull(change.osUser());
            checkOsUserFree(session, osUser, id);
            User after = new User(id, change.name() == null ? before.name() : change.name().strip(),
                    change.roles() == null ? before.roles() : change.roles(),
                    change.pii() == null ? before.pii() : change.pii(), osUser,
                    change.active() == null ? before.active() : change.active(), before.createdAt(), before.createdBy());
            if (after.equals(before)) {
                return before;
            }
            session.saveUser(after);
            audit(session, AUDIT_USER_CHANGED, EVENT_USER_CHANGED, session.recordedAt(), by, json(before), json(after), null);
            return after;
        }).thenApply(this::forget);
    }

    public CompletableFuture<User> disableUser(long id, Actor by) {
        return changeUser(id, UserChange.disable(), by);
    }

    /** One operating-system account maps to one user: a second mapping is a 409, not a constraint failure. */
    private static void checkOsUserFree(AccessStore.Session session, String osUser, long forUser) {
        if (osUser != null) {
            session.userByOsAccount(osUser).filter(other -> other.id() != forUser).ifPresent(other -> {
                throw new ConflictException("the OS account \"" + osUser + "\" is already mapped to user " + other.id());
            });
        }
    }

    private static void validateUser(long id, String name, Set<Role> roles) {
        if (!Actors.isUser(id)) {
            throw new InvalidRequestException("invalid user id; use a positive whole number");
        }
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new InvalidRequestException("a user needs a name of 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (roles.isEmpty()) {
            throw new InvalidRequestException("a user needs at least one role: auditor, underwriter, operator or admin");
        }
    }

    private User forget(User user) {
        // Users and the tokens that cache their roles: seen at once here, within the TTL elsewhere.
        changed();
        return user;
    }

    // --- tokens ---------------------------------------------------------------------------------

    /** Issues a new token for an active user; only its hash is stored. */
    public CompletableFuture<IssuedToken> issueToken(long userId, Integer expiresDays, Actor by) {
        if (expiresDays != null && (expiresDays < 1 || expiresDays > MAX_EXPIRES_DAYS)) {
            throw new InvalidRequestException("expires_days must be a whole number from 1 to " + MAX_EXPIRES_DAYS);
        }
        String token = newToken();
        return store.write(session -> {
            User user = session.user(userId).orElseThrow(() -> new NotFoundException("user " + userId + " not found"));
            if (!user.active()) {
                throw new ConflictException("user " + userId + " is disabled; no token can be issued");
            }
            Instant now = session.recordedAt();
            Instant expiresAt = expiresDays == null ? null : now.plus(Duration.ofDays(expiresDays));
            session.insertToken(userId, hash(token), now, expiresAt);
            JsonObject.Builder value = JsonObject.builder().put("user", userId);
            if (expiresAt != null) {
                value.put("expires_at", Instants.format(expiresAt));
            }
            audit(session, AUDIT_TOKEN_ISSUED, EVENT_TOKEN_ISSUED, now, by, null, value.build(), null);
            return new IssuedToken(userId, token, now, expiresAt);
        });
    }

    /** Revokes every token of a user; returns how many were live. */
    public CompletableFuture<Integer> revokeTokens(long userId, Actor by) {
        return store.write(session -> {
            session.user(userId).orElseThrow(() -> new NotFoundException("user " + userId + " not found"));
            Instant now = session.recordedAt();
            int revoked = session.revokeTokens(userId, now);
            audit(session, AUDIT_TOKENS_REVOKED, EVENT_TOKENS_REVOKED, now, by, null,
                    JsonObject.builder().put("user", userId).put("revoked", revoked).build(), null);
            return revoked;
        }).thenApply(revoked -> {
            changed();
            return revoked;
        });
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        return HashChain.sha256Hex(token);
    }

    // --- field policies -------------------------------------------------------------------------

    /** The policies in force (as of at most {@link #CACHE_TTL} ago). */
    public FieldPolicies policies() {
        return cache.policies(() -> FieldPolicies.of(store.policies(), maskingKey));
    }

    public CompletableFuture<FieldPolicy> setPolicy(FieldPolicy policy, Actor by) {
        return store.write(session -> {
            Optional<FieldPolicy> before = session.policy(policy.path());
            if (before.isPresent() && before.get().equals(policy)) {
                return policy;
            }
            Instant now = session.recordedAt();
            session.savePolicy(policy, now, by.id());
            audit(session, AUDIT_POLICY_SET, EVENT_POLICY_SET, now, by, before.map(AccessService::json).orElse(null),
                    json(policy), null);
            return policy;
        }).thenApply(set -> {
            changed();
            return set;
        });
    }

    public CompletableFuture<FieldPolicy> removePolicy(String path, Actor by) {
        return store.write(session -> {
            FieldPolicy before = session.policy(path)
                    .orElseThrow(() -> new NotFoundException("no field policy for \"" + path + "\""));
            session.deletePolicy(path);
            audit(session, AUDIT_POLICY_REMOVED, EVENT_POLICY_REMOVED, session.recordedAt(), by, json(before), null, null);
            return before;
        }).thenApply(removed -> {
            changed();
            return removed;
        });
    }

    // --- disclosure -----------------------------------------------------------------------------

    /** A disclosure of record data to {@code caller} through {@code endpoint}: masks, or logs the access. */
    public Disclosure disclosure(Caller caller, String endpoint) {
        return new Disclosure(this, caller, endpoint, policies());
    }

    /** Records durably that {@code entry}'s caller saw personal data. */
    CompletableFuture<Void> recordAccess(Actor actor, String endpoint, List<Long> recordIds, List<String> fields) {
        return store.write(session -> {
            session.appendAccess(new AccessEntry(0, session.recordedAt(), actor, endpoint, recordIds, fields));
            return null;
        });
    }

    public Page<AccessEntry> accessLog(AccessLogQuery query) {
        return store.accessLog(query);
    }

    // --- audit ----------------------------------------------------------------------------------

    private static void audit(AccessStore.Session session, String auditType, String eventType, Instant at, Actor by,
                              JsonObject oldValue, JsonObject newValue, String reason) {
        session.appendAudit(new AuditDraft(null, null, auditType, at, by.id(), oldValue == null ? null : oldValue.toJson(),
                newValue == null ? null : newValue.toJson(), reason, by.verified()));
        JsonObject.Builder payload = JsonObject.builder().put("actor", by.id()).put("actor_verified", by.verified());
        if (oldValue != null) {
            payload.put("old", oldValue);
        }
        if (newValue != null) {
            payload.put("new", newValue);
        }
        session.appendEvent(new EventDraft(eventType, null, null, at, by.id(), payload.build()));
    }

    /** A user as the API, the audit trail and the event log show it. */
    public static JsonObject json(User user) {
        JsonObject.Builder out = JsonObject.builder()
                .put("id", user.id())
                .put("name", user.name())
                .put("roles", JsonArray.of(user.roles().stream().sorted().map(role -> (JsonValue) JsonString.of(role.key())).toList()))
                .put("pii", user.pii())
                .put("active", user.active())
                .put("created_at", Instants.format(user.createdAt()))
                .put("created_by", user.createdBy());
        if (user.osUser() != null) {
            out.put("os_user", user.osUser());
        }
        return out.build();
    }

    /** A field policy as the API, the audit trail and the event log show it. */
    public static JsonObject json(FieldPolicy policy) {
        JsonObject.Builder out = JsonObject.builder().put("path", policy.path()).put("masking", policy.masking().key());
        if (policy.masking() == FieldPolicy.Masking.PARTIAL) {
            out.put("visible_chars", JsonNumber.of(policy.visibleChars()));
        }
        return out.build();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
