package io.timetravel.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.AccessEntry;
import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.domain.access.Permission;
import io.timetravel.domain.access.Role;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.storage.MaskingKey;
import io.timetravel.storage.SqlAccessStore;
import io.timetravel.storage.SqlAuditLog;
import io.timetravel.testing.MutableClock;
import io.timetravel.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users, tokens, policies and disclosures on a real store. */
class AccessServiceTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-06-01T09:00:00Z");
    private StoreFixture fixture;
    private AccessService access;
    private AuditService audit;

    @BeforeEach
    void open() {
        fixture = StoreFixture.open(dir.resolve("a.db"), clock);
        access = new AccessService(new SqlAccessStore(fixture.store(), MaskingKey.load(fixture.database().file())), clock,
                Duration.ZERO);
        audit = new AuditService(new SqlAuditLog(fixture.store()));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void addUser(long id, boolean pii, Role... roles) {
        access.addUser(new NewUser(id, "User " + id, Set.of(roles), pii, null), Actor.ANONYMOUS).join();
    }

    @Test
    void aTokenStandsForItsUserVerifiedAndOnlyItsHashIsStored() {
        addUser(5, false, Role.AUDITOR);
        IssuedToken token = access.issueToken(5, null, Actor.verified(1)).join();

        Caller caller = access.authenticate(token.token()).orElseThrow();

        assertEquals(5, caller.id());
        assertTrue(caller.verified());
        assertEquals(Set.of(Role.AUDITOR), caller.roles());
        assertTrue(token.token().startsWith("tt_"));
        assertEquals(0, io.timetravel.testing.Sql.count(fixture.database().file(),
                "SELECT count(*) FROM api_tokens WHERE token_hash = '" + token.token() + "'"), "never the token itself");
        assertFalse(token.toString().contains(token.token()), "a token printed by accident shows no secret");
    }

    @Test
    void unknownExpiredRevokedAndDisabledTokensAreRefused() {
        addUser(5, false, Role.AUDITOR);
        addUser(6, false, Role.AUDITOR);
        addUser(7, false, Role.AUDITOR);
        String expiring = access.issueToken(5, 1, Actor.ANONYMOUS).join().token();
        String revoked = access.issueToken(6, null, Actor.ANONYMOUS).join().token();
        String disabled = access.issueToken(7, null, Actor.ANONYMOUS).join().token();

        access.revokeTokens(6, Actor.ANONYMOUS).join();
        access.disableUser(7, Actor.ANONYMOUS).join();

        assertTrue(access.authenticate(expiring).isPresent());
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertTrue(access.authenticate(expiring).isEmpty(), "expired after its day");
        assertTrue(access.authenticate(revoked).isEmpty());
        assertTrue(access.authenticate(disabled).isEmpty());
        assertTrue(access.authenticate("tt_made-up").isEmpty());
        assertTrue(access.authenticate("not even the form").isEmpty());
    }

    @Test
    void aDeclaredRegisteredUserKeepsItsRolesAndAnUnregisteredOneIsTrusted() {
        addUser(5, false, Role.AUDITOR);
        addUser(6, false, Role.AUDITOR);
        access.disableUser(6, Actor.ANONYMOUS).join();

        Caller registered = access.declared(5);
        Caller stranger = access.declared(99);

        assertFalse(registered.verified());
        assertFalse(registered.allows(Permission.WRITE));
        assertFalse(stranger.verified());
        assertTrue(stranger.allows(Permission.WRITE) && stranger.pii(), "the legacy trust of --auth off");
        assertThrows(AccessDeniedException.class, () -> access.declared(6));
    }

    @Test
    void everyChangeIsAuditedWithItsActorAndTheChainStillVerifies() {
        addUser(5, false, Role.AUDITOR);
        access.issueToken(5, 30, Actor.verified(1)).join();
        access.setPolicy(new FieldPolicy("email", FieldPolicy.Masking.PARTIAL, 4), Actor.verified(1)).join();
        access.removePolicy("email", Actor.declared(2)).join();
        access.revokeTokens(5, Actor.verified(1)).join();
        access.disableUser(5, Actor.verified(1)).join();

        List<String> types = audit.list(AuditQuery.all(100, 0)).items().stream().map(e -> e.eventType() + ":" + e.actor()
                + ":" + e.actorVerified()).toList();

        assertEquals(List.of("USER_CHANGED:1:true", "TOKENS_REVOKED:1:true", "FIELD_POLICY_REMOVED:2:false",
                "FIELD_POLICY_SET:1:true", "TOKEN_ISSUED:1:true", "USER_ADDED:0:false"), types);
        assertTrue(audit.verify().ok());
        assertFalse(audit.list(AuditQuery.all(100, 0)).items().toString().contains("tt_"), "no token in the trail");
    }

    @Test
    void usersAreValidatedAndUnique() {
        addUser(5, false, Role.AUDITOR);

        CompletionException duplicate = assertThrows(CompletionException.class, () -> addUser(5, false, Role.ADMIN));
        assertTrue(duplicate.getCause() instanceof ConflictException);
        assertThrows(InvalidRequestException.class, () -> addUser(0, false, Role.ADMIN));
        assertThrows(InvalidRequestException.class, () -> addUser(8, false));
        assertThrows(InvalidRequestException.class, () -> access.issueToken(5, 0, Actor.ANONYMOUS));
    }

    @Test
    void aCallerWithoutPiiSeesMaskedDataAndNothingIsLogged() {
        access.setPolicy(new FieldPolicy("email", FieldPolicy.Masking.PARTIAL, 4), Actor.ANONYMOUS).join();
        Disclosure disclosure = access.disclosure(new Caller(Actor.verified(5), Set.of(Role.AUDITOR), false), "GET /x");

        JsonObject shown = disclosure.state(1, StoreFixture.json("{\"email\":\"ada@example.com\",\"p\":1}"));
        disclosure.settle().join();

        assertEquals("{\"email\":\"****.com\",\"p\":1}", shown.toJson());
        assertEquals(0, access.accessLog(new AccessLogQuery(null, null, null, null, 10, 0)).total());
    }

    @Test
    void aDisclosureToAPiiCallerIsLoggedOnceWithEveryRecordAndField() {
        access.setPolicy(new FieldPolicy("email", FieldPolicy.Masking.PARTIAL, 4), Actor.ANONYMOUS).join();
        access.setPolicy(new FieldPolicy("ssn", FieldPolicy.Masking.FULL, 0), Actor.ANONYMOUS).join();
        Disclosure disclosure = access.disclosure(new Caller(Actor.verified(5), Set.of(Role.AUDITOR), true), "GET /api/v2/audit");

        disclosure.state(1, StoreFixture.json("{\"email\":\"ada@example.com\"}"));
        disclosure.state(2, StoreFixture.json("{\"ssn\":\"123\",\"p\":1}"));
        disclosure.state(3, StoreFixture.json("{\"p\":1}"));
        disclosure.settle().join();

        List<AccessEntry> entries = access.accessLog(new AccessLogQuery(null, null, null, null, 10, 0)).items();
        assertEquals(1, entries.size());
        AccessEntry entry = entries.get(0);
        assertEquals(List.of(1L, 2L), entry.recordIds());
        assertEquals(List.of("email", "ssn"), entry.fields());
        assertEquals(Actor.verified(5), entry.actor());
        assertEquals("GET /api/v2/audit", entry.endpoint());
        assertEquals(1, access.accessLog(new AccessLogQuery(2L, 5L, null, null, 10, 0)).total());
        assertEquals(0, access.accessLog(new AccessLogQuery(3L, null, null, null, 10, 0)).total(), "record 3 disclosed nothing");
    }

    @Test
    void aCallerWithoutPiiCannotWriteMaskedTextBack() {
        access.setPolicy(new FieldPolicy("email", FieldPolicy.Masking.PARTIAL, 4), Actor.ANONYMOUS).join();
        Disclosure masked = access.disclosure(new Caller(Actor.verified(5), Set.of(Role.UNDERWRITER), false), "POST /x");
        Disclosure open = access.disclosure(new Caller(Actor.verified(6), Set.of(Role.UNDERWRITER), true), "POST /x");

        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> masked.checkWrite(StoreFixture.json("{\"email\":\"****.com\"}")));
        assertTrue(refused.getMessage().contains("email"), refused.getMessage());
        masked.checkWrite(StoreFixture.json("{\"email\":\"ada@new.com\"}"));
        open.checkWrite(StoreFixture.json("{\"email\":\"****.com\"}"));
    }

    @Test
    void changesMadeElsewhereAreSeenOnceTheCacheExpires() {
        AccessService cached = new AccessService(new SqlAccessStore(fixture.store(), MaskingKey.load(fixture.database().file())),
                clock, Duration.ofDays(1));
        addUser(5, false, Role.AUDITOR);
        String token = access.issueToken(5, null, Actor.ANONYMOUS).join().token();
        assertTrue(cached.authenticate(token).isPresent());

        access.revokeTokens(5, Actor.ANONYMOUS).join();

        assertTrue(cached.authenticate(token).isPresent(), "another instance revoked it: this one trusts its cache for the TTL");
        assertTrue(new AccessService(new SqlAccessStore(fixture.store(), MaskingKey.load(fixture.database().file())), clock,
                Duration.ZERO).authenticate(token).isEmpty());
    }
}
