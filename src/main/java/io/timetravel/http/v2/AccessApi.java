package io.timetravel.http.v2;

import io.timetravel.domain.Ids;
import io.timetravel.domain.access.AccessEntry;
import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.domain.access.Permission;
import io.timetravel.domain.access.Role;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.http.ApiException;
import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.http.Route;
import io.timetravel.service.AccessLogQuery;
import io.timetravel.service.AccessService;
import io.timetravel.service.NewUser;
import io.timetravel.service.UserChange;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Identity and access for admins: users, their tokens and the field policies (every change
 * audited with its actor), and for auditors the access log of disclosed personal data.
 */
public final class AccessApi {

    public static final String USERS = "/api/v2/users";
    public static final String USER = "/api/v2/users/{id}";
    public static final String TOKENS = "/api/v2/tokens";
    public static final String POLICIES = "/api/v2/field-policies";
    public static final String POLICY = "/api/v2/field-policies/{path}";
    public static final String ACCESS_LOG = "/api/v2/access-log";

    private static final Set<String> NEW_USER_MEMBERS = Set.of("id", "name", "roles", "pii", "os_user");
    private static final Set<String> USER_CHANGE_MEMBERS = Set.of("name", "roles", "pii", "os_user", "active");
    private static final Set<String> TOKEN_MEMBERS = Set.of("user", "expires_days");
    private static final Set<String> POLICY_MEMBERS = Set.of("masking", "visible_chars");

    /** A token just issued: the only answer that ever shows it. */
    public record TokenBody(long user, String token, Instant issuedAt, Instant expiresAt) {
    }

    /** How many live tokens of a user a revocation ended. */
    public record RevokedBody(long user, int revoked) {
    }

    /** One disclosure of personal data. */
    public record AccessEntryBody(long id, Instant accessedAt, long actor, boolean actorVerified, String endpoint,
                                  List<Long> recordIds, List<String> fields) {
        static AccessEntryBody of(AccessEntry entry) {
            return new AccessEntryBody(entry.id(), entry.accessedAt(), entry.actor().id(), entry.actor().verified(),
                    entry.endpoint(), entry.recordIds(), entry.fields());
        }
    }

    private final AccessService access;

    public AccessApi(AccessService access) {
        this.access = access;
    }

    public List<Route> routes() {
        return List.of(
                Route.v2("GET", USERS, Handler.sync(this::users), Permission.ADMINISTER),
                Route.v2("POST", USERS, this::addUser, Permission.ADMINISTER),
                Route.v2("GET", USER, Handler.sync(this::user), Permission.ADMINISTER),
                Route.v2("PUT", USER, this::changeUser, Permission.ADMINISTER),
                Route.v2("POST", TOKENS, this::issueToken, Permission.ADMINISTER),
                Route.v2("DELETE", TOKENS, this::revokeTokens, Permission.ADMINISTER),
                Route.v2("GET", POLICIES, Handler.sync(this::policies), Permission.ADMINISTER),
                Route.v2("PUT", POLICY, this::setPolicy, Permission.ADMINISTER),
                Route.v2("DELETE", POLICY, this::removePolicy, Permission.ADMINISTER),
                Route.v2("GET", ACCESS_LOG, Handler.sync(this::accessLog), Permission.ACCESS_LOG));
    }

    // --- users ----------------------------------------------------------------------------------

    private ApiResponse users(ApiRequest request) {
        return ApiResponse.ok(Map.of("data", JsonArray.of(access.users().stream().map(AccessService::json).toList())));
    }

    private ApiResponse user(ApiRequest request) {
        long id = userId(request.pathParam("id"));
        return ApiResponse.ok(AccessService.json(access.user(id)
                .orElseThrow(() -> ApiException.notFound("user " + id + " not found"))));
    }

    private CompletionStage<ApiResponse> addUser(ApiRequest request) {
        RequestBody body = RequestBody.required(request, NEW_USER_MEMBERS, "a user").refuseNulls("id", "roles", "pii");
        NewUser user = new NewUser(RequestBody.present(body.positiveLong("id"), "id is required"),
                RequestBody.present(body.text("name"), "name is required"),
                roles(RequestBody.present(body.value("roles"), "roles is required")), Boolean.TRUE.equals(body.bool("pii")),
                body.text("os_user"));
        return access.addUser(user, RecordsApi.actor(request))
                .thenApply(added -> ApiResponse.json(201, AccessService.json(added)).header("Location", USERS + "/" + added.id()));
    }

    private CompletionStage<ApiResponse> changeUser(ApiRequest request) {
        long id = userId(request.pathParam("id"));
        RequestBody body = RequestBody.required(request, USER_CHANGE_MEMBERS, "a user change").refuseNulls("roles", "pii", "active");
        // A null os_user clears the account name.
        UserChange change = new UserChange(body.text("name"), body.value("roles") == null ? null : roles(body.value("roles")),
                body.bool("pii"), body.isNull("os_user") ? "" : body.text("os_user"), body.bool("active"));
        return access.changeUser(id, change, RecordsApi.actor(request)).thenApply(user -> ApiResponse.ok(AccessService.json(user)));
    }

    // --- tokens ---------------------------------------------------------------------------------

    private CompletionStage<ApiResponse> issueToken(ApiRequest request) {
        RequestBody body = RequestBody.required(request, TOKEN_MEMBERS, "a token request").refuseNulls("user");
        long user = RequestBody.present(body.positiveLong("user"), "user is required");
        Integer days = body.positiveIntCapped("expires_days");
        return access.issueToken(user, days, RecordsApi.actor(request))
                .thenApply(token -> ApiResponse.json(201, new TokenBody(token.userId(), token.token(), token.issuedAt(),
                        token.expiresAt())).header("Cache-Control", "no-store"));
    }

    private CompletionStage<ApiResponse> revokeTokens(ApiRequest request) {
        long user = userId(request.queryParam("user")
                .orElseThrow(() -> ApiException.badRequest("name the user whose tokens to revoke: ?user=N")));
        return access.revokeTokens(user, RecordsApi.actor(request))
                .thenApply(revoked -> ApiResponse.ok(new RevokedBody(user, revoked)));
    }

    // --- field policies -------------------------------------------------------------------------

    private ApiResponse policies(ApiRequest request) {
        return ApiResponse.ok(Map.of("data", JsonArray.of(access.policies().list().stream().map(AccessService::json).toList())));
    }

    private CompletionStage<ApiResponse> setPolicy(ApiRequest request) {
        String path = request.pathParam("path");
        RequestBody body = RequestBody.required(request, POLICY_MEMBERS, "a field policy");
        String masking = RequestBody.present(body.text("masking"), "masking is required: partial, full or hash");
        FieldPolicy.Masking kind = FieldPolicy.Masking.of(masking)
                .orElseThrow(() -> ApiException.badRequest("invalid masking \"" + masking + "\"; use partial, full or hash"));
        Integer chars = body.positiveIntCapped("visible_chars");
        int visible = chars != null ? chars : kind == FieldPolicy.Masking.PARTIAL ? 4 : 0;
        FieldPolicy policy;
        try {
            policy = new FieldPolicy(path, kind, visible);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return access.setPolicy(policy, RecordsApi.actor(request)).thenApply(set -> ApiResponse.ok(AccessService.json(set)));
    }

    private CompletionStage<ApiResponse> removePolicy(ApiRequest request) {
        return access.removePolicy(request.pathParam("path"), RecordsApi.actor(request))
                .thenApply(removed -> ApiResponse.ok(AccessService.json(removed)));
    }

    // --- access log -----------------------------------------------------------------------------

    private ApiResponse accessLog(ApiRequest request) {
        AccessLogQuery query = new AccessLogQuery(request.recordParam("record").orElse(null),
                request.actorParam("actor").orElse(null), request.instantParam("from").orElse(null),
                request.instantParam("to").orElse(null), request.intParam("limit", 100, 1, 1000),
                request.intParam("offset", 0, 0, Integer.MAX_VALUE));
        return ApiResponse.ok(PageBody.of(access.accessLog(query).map(AccessEntryBody::of)));
    }

    // --- binding --------------------------------------------------------------------------------

    private static long userId(String text) {
        long id = Ids.parsePositiveLong(text.strip());
        if (id <= 0) {
            throw ApiException.badRequest("invalid user id; use a positive 64-bit integer");
        }
        return id;
    }


    private static Set<Role> roles(JsonValue value) {
        if (!(value instanceof JsonArray array) || array.elements().isEmpty()) {
            throw ApiException.badRequest("roles must be a non-empty array of auditor, underwriter, operator, admin");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (JsonValue element : array.elements()) {
            String key = element instanceof JsonString text ? text.value() : element.toJson();
            roles.add(Role.of(key).orElseThrow(() -> ApiException.badRequest("unknown role \"" + key
                    + "\"; roles are auditor, underwriter, operator and admin")));
        }
        return roles;
    }
}
