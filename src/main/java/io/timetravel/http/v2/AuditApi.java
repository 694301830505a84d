package io.timetravel.http.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.timetravel.domain.ChainBreak;
import io.timetravel.domain.LedgerCheck;
import io.timetravel.domain.LedgerDigest;
import io.timetravel.domain.access.Permission;
import io.timetravel.http.ApiException;
import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.http.Route;
import io.timetravel.service.AccessDeniedException;
import io.timetravel.service.AccessService;
import io.timetravel.service.AuditQuery;
import io.timetravel.service.AuditService;
import io.timetravel.service.Disclosure;
import io.timetravel.service.LedgerService;
import io.timetravel.service.LedgerVerification;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;

/**
 * The audit trail across records, newest first; signed digests of the ledger; and the
 * verification of everything stored about changes, against the logged digests and one given.
 */
public final class AuditApi {

    public static final String AUDIT = "/api/v2/audit";
    public static final String VERIFY = "/api/v2/audit/verify";
    public static final String DIGEST = "/api/v2/audit/digest";
    /** How a digest sent to {@code POST /verify} is named in what broke. */
    static final String GIVEN = "the digest given";

    /**
     * {@code {"ok":true,"entries":N,"head":H}} or {@code {"ok":false,"entries":N,"broken":{...}}}:
     * {@code entries} and {@code head} are the audit trail's, as they always were (a digest's are
     * the ledger's); {@code ok} now stands for everything stored about changes.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerifyBody(boolean ok, long entries, String head, BrokenBody broken) {

        /** The outcome, the head as {@code disclosure}'s caller may see it (keyed for a caller who gets masked values). */
        static VerifyBody of(LedgerVerification verification, Disclosure disclosure) {
            ChainBreak broken = verification.broken();
            if (broken == null) {
                return new VerifyBody(true, verification.auditEntries(), disclosure.digest(verification.auditHead()), null);
            }
            return new VerifyBody(false, verification.auditEntries(), null,
                    new BrokenBody(broken.auditId(), broken.eventId(), broken.recordId(), broken.version(), broken.reason()));
        }
    }

    /**
     * The first thing that does not hold: {@code id} the audit entry, {@code event_id} the ledger
     * entry (each only when one is concerned), the record version when known.
     */
    public record BrokenBody(@JsonInclude(JsonInclude.Include.NON_NULL) Long id,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long eventId,
                             Long recordId, Long version, String reason) {
    }

    /**
     * A signed digest, its members in the order they are always written; {@code lane} only for a
     * lane other than 0 (docs/decisions/0030), so that a digest of lane 0 reads as it always did.
     */
    public record DigestBody(@JsonInclude(JsonInclude.Include.NON_NULL) Long lane, long entries, String head, String at,
                             String keyId, String signature) {

        static DigestBody of(LedgerDigest digest) {
            return new DigestBody(digest.lane() == 0 ? null : digest.lane(), digest.entries(), digest.head(), digest.at(),
                    digest.keyId(), digest.signature());
        }
    }

    private final AuditService audit;
    private final LedgerService ledger;
    private final AccessService access;

    public AuditApi(AuditService audit, LedgerService ledger, AccessService access) {
        this.audit = audit;
        this.ledger = ledger;
        this.access = access;
    }

    public List<Route> routes() {
        return List.of(
                Route.v2("GET", AUDIT, this::list, Permission.READ),
                Route.v2("GET", VERIFY, Handler.sync(this::verify), Permission.READ),
                Route.v2("POST", VERIFY, Handler.sync(this::verifyDigest), Permission.READ),
                Route.v2("GET", DIGEST, Handler.sync(this::digest), Permission.READ));
    }

    private CompletionStage<ApiResponse> list(ApiRequest request) {
        AuditQuery query = new AuditQuery(
                request.recordParam("record").orElse(null),
                request.actorParam("actor").orElse(null),
                request.queryParam("operation").orElse(null),
                request.instantParam("from").orElse(null),
                request.instantParam("to").orElse(null),
                request.intParam("limit", 100, 1, 1000),
                request.intParam("offset", 0, 0, Integer.MAX_VALUE));
        Disclosure disclosure = RecordsApi.disclosure(access, request);
        return RecordsApi.disclosed(disclosure, ApiResponse.ok(PageBody.of(audit.list(query)
                .map(entry -> AuditEntryBody.of(entry, disclosure)))));
    }

    private ApiResponse verify(ApiRequest request) {
        return ApiResponse.ok(VerifyBody.of(ledger.verify(), RecordsApi.disclosure(access, request)));
    }

    /**
     * Verifies everything, holding the ledger also to the digest in the body, or to each digest of
     * an array of them (what {@link #DIGEST} answers for several lanes); 400 when it is neither.
     */
    private ApiResponse verifyDigest(ApiRequest request) {
        List<LedgerDigest> given;
        try {
            given = LedgerDigest.all(RequestBody.json(request,
                    "request body must be a JSON object (a digest), or an array of digests"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid digest: " + e.getMessage());
        }
        List<LedgerCheck.Expected> expected = given.size() == 1 ? List.of(new LedgerCheck.Expected(GIVEN, given.get(0)))
                : IntStream.range(0, given.size()).mapToObj(i -> new LedgerCheck.Expected(GIVEN + " (element " + (i + 1) + ")",
                given.get(i))).toList();
        return ApiResponse.ok(VerifyBody.of(ledger.verify(expected), RecordsApi.disclosure(access, request)));
    }

    /**
     * A digest signed now; for a ledger of several lanes (docs/decisions/0030), an array of one
     * digest per lane, all taken at the same instant. Its head cannot be keyed (the signature covers it), and an unkeyed head
     * lets whoever sees values masked test guesses of them (decision 0018), so such a caller is refused.
     */
    private ApiResponse digest(ApiRequest request) {
        if (RecordsApi.disclosure(access, request).masks()) {
            throw new AccessDeniedException("a signed digest carries the ledger's unkeyed head, which would let a caller"
                    + " who sees personal data masked test guesses of it; it needs the pii grant");
        }
        List<LedgerDigest> digests = ledger.digests();
        return ApiResponse.ok(digests.size() == 1 ? DigestBody.of(digests.get(0)) : digests.stream().map(DigestBody::of).toList());
    }
}
