package io.timetravel.http.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.timetravel.domain.AuditChainCheck;
import io.timetravel.domain.access.Permission;
import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.http.Route;
import io.timetravel.service.AccessService;
import io.timetravel.service.AuditQuery;
import io.timetravel.service.AuditService;
import io.timetravel.service.AuditVerification;
import io.timetravel.service.Disclosure;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The audit trail across records, newest first, and the verification of its hash chain. */
public final class AuditApi {

    public static final String AUDIT = "/api/v2/audit";
    public static final String VERIFY = "/api/v2/audit/verify";

    /** {@code {"ok":true,"entries":N,"head":H}} or {@code {"ok":false,"entries":N,"broken":{...}}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerifyBody(boolean ok, long entries, String head, BrokenBody broken) {

        /** The outcome, the head as {@code disclosure}'s caller may see it (keyed for a caller who gets masked values). */
        static VerifyBody of(AuditVerification verification, Disclosure disclosure) {
            AuditChainCheck.Break broken = verification.broken();
            if (broken == null) {
                return new VerifyBody(true, verification.entries(), disclosure.digest(verification.head()), null);
            }
            return new VerifyBody(false, verification.entries(), null,
                    new BrokenBody(broken.id(), broken.recordId(), broken.version(), broken.reason()));
        }
    }

    /** The first entry that does not verify. */
    public record BrokenBody(long id, Long recordId, Long version, String reason) {
    }

    private final AuditService audit;
    private final AccessService access;

    public AuditApi(AuditService audit, AccessService access) {
        this.audit = audit;
        this.access = access;
    }

    public List<Route> routes() {
        return List.of(
                Route.v2("GET", AUDIT, this::list, Permission.READ),
                Route.v2("GET", VERIFY, Handler.sync(this::verify), Permission.READ));
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
        return ApiResponse.ok(VerifyBody.of(audit.verify(), RecordsApi.disclosure(access, request)));
    }
}
