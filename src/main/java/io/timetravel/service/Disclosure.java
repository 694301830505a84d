package io.timetravel.service;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.domain.Ids;
import io.timetravel.domain.PolicyholderFacts;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.FieldPolicies;
import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.domain.premium.Decision;
import io.timetravel.domain.premium.PremiumSources;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Record data on its way to one caller for one answer. A caller without the {@code pii} grant
 * gets personal fields masked; a caller with it gets them as stored, and {@link #settle()}
 * then records the access durably, before the answer may be sent.
 *
 * <p>Not thread-safe: one per answer (or per event of a stream).
 */
public final class Disclosure {

    private final AccessService access;
    private final Caller caller;
    private final String endpoint;
    private final FieldPolicies policies;
    private final Set<Long> recordIds = new TreeSet<>();
    private final Set<String> fields = new TreeSet<>();
    /** The members of a record event's payload that hold record data (see RecordService). */
    private static final List<String> RECORD_DATA_MEMBERS = List.of("patch", "old_value", "new_value");
    /** The SHA-256 of the record's whole state in a record event's payload (see RecordService). */
    private static final String STATE_DIGEST = "state_sha256";

    Disclosure(AccessService access, Caller caller, String endpoint, FieldPolicies policies) {
        this.access = access;
        this.caller = caller;
        this.endpoint = endpoint;
        this.policies = policies;
    }

    /** Whether personal data reaches this caller masked. */
    public boolean masks() {
        return !caller.pii() && !policies.isEmpty();
    }

    /** A record's state or a merge patch of it, as this caller may see it. */
    public JsonObject state(long recordId, JsonObject data) {
        if (policies.isEmpty()) {
            return data;
        }
        if (!caller.pii()) {
            return policies.mask(data);
        }
        note(recordId, policies.personalPaths(data));
        return data;
    }

    /**
     * A value that may be a state or merge patch of a record (history's and the audit trail's old
     * and new values), as this caller may see it; {@code recordId} is {@code null} when the
     * value belongs to no record (a flag's or a user's settings), which holds no record data.
     */
    public JsonValue value(Long recordId, JsonValue value) {
        return recordId != null && value instanceof JsonObject object ? state(recordId, object) : value;
    }

    /**
     * An event as this caller may see it: a record event's patch and old and new values are
     * record data. Other events (flags, users, snapshots) carry none.
     */
    public EventLogEntry event(EventLogEntry entry) {
        if (!policies.isEmpty() && PremiumService.EVENT_DECIDED.equals(entry.eventType())) {
            return new EventLogEntry(entry.id(), entry.eventType(), entry.recordId(), entry.version(), entry.occurredAt(),
                    entry.actor(), decisionPayload(entry));
        }
        if (policies.isEmpty() || entry.recordId() == null) {
            return entry;
        }
        JsonObject payload = entry.payload();
        JsonObject.Builder shown = null;
        for (String member : RECORD_DATA_MEMBERS) {
            if (payload.getOrNull(member) instanceof JsonObject data) {
                JsonObject masked = state(entry.recordId(), data);
                if (masked != data) {
                    shown = shown == null ? payload.toBuilder() : shown;
                    shown.put(member, masked);
                }
            }
        }
        if (masks() && payload.getOrNull(STATE_DIGEST) instanceof JsonString digest) {
            shown = shown == null ? payload.toBuilder() : shown;
            shown.put(STATE_DIGEST, JsonString.of(digest(digest.value())));
        }
        return shown == null ? entry : new EventLogEntry(entry.id(), entry.eventType(), entry.recordId(), entry.version(),
                entry.occurredAt(), entry.actor(), shown.build());
    }

    /**
     * A premium decision as this caller may see it: what its quote read from personal fields (an
     * age from the date of birth, the sum insured) masked, or noted as seen by a pii holder.
     */
    public Decision decision(Decision decision) {
        if (policies.isEmpty()) {
            return decision;
        }
        long recordId = decision.recordId();
        return decision.withQuote(decision.quote().shown(
                (input, value) -> field(recordId, PremiumSources.ofInput(input), value),
                (factor, input) -> field(recordId, PremiumSources.ofFactor(factor), input),
                this::digest));
    }

    /**
     * A {@code premium.decided} event's payload (a decision) as this caller may see it; one that
     * does not read as a decision, not at all.
     */
    private JsonObject decisionPayload(EventLogEntry entry) {
        try {
            return decision(Decision.fromJson(entry.id(), entry.payload())).json();
        } catch (RuntimeException e) {
            return masks() ? JsonObject.empty() : entry.payload();
        }
    }

    /**
     * A digest of stored data (an audit hash, a state's SHA-256) as this caller may see it. An
     * unkeyed digest lets whoever sees a value masked confirm a guess of it offline, so a caller
     * who gets masked values gets the digest keyed instead: still equal where the digests are
     * equal (chains still link, heads still compare), but useless for testing guesses.
     */
    public String digest(String digest) {
        return digest == null || !masks() ? digest : policies.keyed(digest);
    }

    /** A diff between two states of a record ({@code added}/{@code changed}/{@code removed} by path). */
    public JsonObject diff(long recordId, JsonObject diff) {
        if (policies.isEmpty()) {
            return diff;
        }
        if (!caller.pii()) {
            return policies.maskDiff(diff);
        }
        List<String> paths = new ArrayList<>();
        diff.members().values().forEach(part -> {
            if (part instanceof JsonObject byPath) {
                paths.addAll(byPath.members().keySet());
            }
        });
        note(recordId, policies.personalPaths(paths));
        return diff;
    }

    /**
     * One top-level field of a record shown outside its state (the record list's name and
     * region), as this caller may see it.
     */
    public String field(long recordId, List<String> sources, String value) {
        Optional<FieldPolicy> policy = policies.policyForAny(sources);
        if (value == null || policy.isEmpty()) {
            return value;
        }
        if (!caller.pii()) {
            return ((JsonString) policies.maskAt(policy.get().path(), JsonString.of(value))).value();
        }
        note(recordId, Set.of(policy.get().path()));
        return value;
    }

    /** A listing's name (read from {@link PolicyholderFacts#NAME_FIELDS}), as this caller may see it. */
    public String listedName(long recordId, String name) {
        return field(recordId, PolicyholderFacts.NAME_FIELDS, name);
    }

    /** A listing's region, as this caller may see it. */
    public String listedRegion(long recordId, String region) {
        return field(recordId, PolicyholderFacts.REGION_FIELDS, region);
    }

    /** Whether listings' names reach this caller masked (so searching them would tell what the mask hides). */
    public boolean masksNames() {
        return masks() && policies.policyForAny(PolicyholderFacts.NAME_FIELDS).isPresent();
    }

    /** Whether listings' regions reach this caller masked. */
    public boolean masksRegions() {
        return masks() && policies.policyForAny(PolicyholderFacts.REGION_FIELDS).isPresent();
    }

    /**
     * The search this caller may run: refused when it would tell what a mask hides (see
     * {@link #checkSearch}); with names masked, a record id is looked up as an id alone, since as
     * text it would also match names containing those digits.
     */
    public RecordQuery searchable(RecordQuery query) {
        checkSearch(query);
        if (query.text() != null && masksNames()) {
            long id = Ids.parsePositiveLong(query.text());
            return new RecordQuery(null, query.region(), query.limit(), query.offset(),
                    query.ids() == null || query.ids().contains(id) ? Set.of(id) : Set.of());
        }
        return query;
    }

    /**
     * Refuses a search that would tell a caller without the pii grant what a mask hides: text
     * matched against masked names (anything but a record id), or a filter on a masked region.
     */
    public void checkSearch(RecordQuery query) {
        boolean byName = query.text() != null && Ids.parsePositiveLong(query.text()) <= 0;
        if (byName && masksNames()) {
            throw new AccessDeniedException("names are masked for you: search by record id, or ask for the pii grant");
        }
        if (query.region() != null && masksRegions()) {
            throw new AccessDeniedException("regions are masked for you: filtering by region needs the pii grant");
        }
    }

    /** Marks the disclosure of every personal field to a caller who may see them (a whole export). */
    public void everyPersonalField(Collection<Long> records) {
        if (caller.pii() && !policies.isEmpty()) {
            recordIds.addAll(records);
            policies.list().forEach(policy -> fields.add(policy.path()));
        }
    }

    /**
     * Refuses a write that would store masked text in a personal field: a caller who sees
     * masked values must not write them back as if they were the data.
     */
    public void checkWrite(JsonObject patch) {
        if (caller.pii()) {
            return;
        }
        Set<String> masked = policies.maskedWrites(patch);
        if (!masked.isEmpty()) {
            throw new InvalidRequestException("refused: " + String.join(", ", masked)
                    + " would be set to masked text; personal fields cannot be written from their masked form");
        }
    }

    private void note(long recordId, Set<String> personal) {
        if (!personal.isEmpty()) {
            recordIds.add(recordId);
            fields.addAll(personal);
        }
    }

    /** Records the access, if anything personal was disclosed; the answer may go once this completes. */
    public CompletableFuture<Void> settle() {
        if (fields.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<Long> records = List.copyOf(recordIds);
        List<String> disclosedFields = List.copyOf(fields);
        recordIds.clear();
        fields.clear();
        return access.recordAccess(caller.actor(), endpoint, records, disclosedFields);
    }
}
