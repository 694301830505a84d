package io.timetravel.service;

import io.timetravel.domain.Instants;
import io.timetravel.domain.RecordTimeline;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.VersionInfo;
import io.timetravel.domain.access.Actor;
import io.timetravel.domain.premium.Decision;
import io.timetravel.domain.premium.PremiumEngine;
import io.timetravel.domain.premium.PremiumEngines;
import io.timetravel.domain.premium.PremiumOutcome;
import io.timetravel.domain.premium.Quote;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Premiums quoted at any instant, kept as decisions, and replayed from what was known then.
 *
 * <p>A quote reads the record inside the writer's transaction and records its decision there:
 * as known at the decision's own transaction time (unless the request names an earlier one),
 * nothing recorded later can change what it priced, so a replay reads exactly the same facts.
 * Which engine: the one the request names, else {@code risk-v2} when the {@code new_risk_engine}
 * flag is on for the caller and the record's region (and a version of it is released), else
 * {@code classic}; which version: the one named, else the newest released by the time of the quote.
 */
public final class PremiumService {

    /** The flag that moves quotes to the risk engine (seeded at 10%, migration V10). */
    public static final String NEW_RISK_ENGINE = "new_risk_engine";
    public static final String EVENT_DECIDED = "premium.decided";
    public static final String CLASSIC = "classic";
    public static final String RISK_V2 = "risk-v2";
    public static final String CHOICE_REQUESTED = "requested";
    public static final String CHOICE_FLAG_ON = "flag:on";
    public static final String CHOICE_FLAG_OFF = "flag:off";
    /** The flag was on for the caller, but no version of the risk engine was released yet: classic priced it. */
    public static final String CHOICE_FLAG_ON_UNRELEASED = "flag:on, risk-v2 not released";
    /** The most points {@link #history} answers; longer timelines are sampled evenly. */
    public static final int MAX_POINTS = 400;

    private final PremiumStore store;
    private final RecordStore records;
    private final FlagService flags;
    private final PremiumEngines engines;
    private final Clock clock;
    private final PremiumMetrics metrics;

    public PremiumService(PremiumStore store, RecordStore records, FlagService flags, PremiumEngines engines, Clock clock,
                          PremiumMetrics metrics) {
        this.store = store;
        this.records = records;
        this.flags = flags;
        this.engines = engines;
        this.clock = clock;
        this.metrics = metrics;
    }

    public PremiumEngines engines() {
        return engines;
    }

    /** Whether {@code engine} is the version of its name that a quote made now uses unless told otherwise. */
    public boolean isInForce(PremiumEngine engine) {
        return engines.inForce(engine.name(), clock.instant()).map(e -> e.version() == engine.version()).orElse(false);
    }

    /**
     * Prices the record and records the decision; completes once it is durable. Fails with
     * {@link UnpricedException} (nothing recorded) when the record lacks what the engine needs.
     */
    public CompletableFuture<Decision> quote(QuoteRequest request) {
        long started = System.nanoTime();
        RecordService.validateId(request.recordId());
        Actor by = request.by();
        RecordService.validateActor(by.id());
        Instant now = clock.instant();
        if (request.asOf() != null && request.asOf().isAfter(now)) {
            throw new InvalidRequestException("as_of is in the future; a quote prices what is known, not what may be");
        }
        checkEngine(request.engine(), request.engineVersion());
        return store.write(session -> decide(session, request))
                .thenApply(decision -> {
                    metrics.quoted(decision.engine(), decision.engineVersion(), System.nanoTime() - started);
                    return decision;
                });
    }

    private Decision decide(PremiumStore.Session session, QuoteRequest request) {
        long id = request.recordId();
        // The timeline first: on a shared database it locks the record and sets the floor of this
        // unit's transaction time after the record's newest version.
        RecordTimeline timeline = session.timeline(id)
                .orElseThrow(() -> new NotFoundException("record " + id + " does not exist"));
        Instant decidedAt = session.recordedAt();
        Instant knownAt = request.asOf() != null ? request.asOf() : decidedAt;
        Instant validAt = request.at() != null ? request.at() : knownAt;
        RecordTimeline.State state = timeline.at(validAt, knownAt).orElseThrow(() -> new NotFoundException(
                "record " + id + " has no version at " + Instants.format(validAt) + " as known at " + Instants.format(knownAt)));
        String region = state.data().getString("region").orElse(null);
        long actor = request.by().id();
        String choice;
        PremiumEngine engine;
        if (request.engine() != null) {
            choice = CHOICE_REQUESTED;
            engine = engine(request.engine(), request.engineVersion(), decidedAt);
        } else {
            boolean riskEngine = flags.isEnabled(NEW_RISK_ENGINE, actor, region);
            Optional<PremiumEngine> released = riskEngine ? engines.inForce(RISK_V2, decidedAt) : Optional.empty();
            choice = !riskEngine ? CHOICE_FLAG_OFF : released.isPresent() ? CHOICE_FLAG_ON : CHOICE_FLAG_ON_UNRELEASED;
            engine = released.orElseGet(() -> engine(CLASSIC, null, decidedAt));
        }
        Quote quote = priced(engine, engine.price(state.data(), validAt), id);
        Map<String, Boolean> inForce = new TreeMap<>();
        flags.list().forEach(flag -> inForce.put(flag.key(), flag.isOnFor(actor, region)));
        return session.append(new Decision(0, id, state.newest().version(), validAt, knownAt, decidedAt, choice, inForce,
                request.apiVersion(), actor, request.by().verified(), quote));
    }

    private static Quote priced(PremiumEngine engine, PremiumOutcome outcome, long recordId) {
        if (outcome instanceof PremiumOutcome.Unpriced unpriced) {
            throw new UnpricedException("record " + recordId + " cannot be priced by " + engine.label() + ": "
                    + unpriced.describe(), unpriced.problems());
        }
        return ((PremiumOutcome.Priced) outcome).quote();
    }

    /** Refuses an unknown engine or version before anything is queued. */
    private void checkEngine(String name, Integer version) {
        if (name == null) {
            if (version != null) {
                throw new InvalidRequestException("engine_version needs engine: name the engine it is a version of");
            }
            return;
        }
        if (!engines.names().contains(name)) {
            throw new InvalidRequestException("unknown engine \"" + name + "\"; engines: " + String.join(", ", engines.names()));
        }
        if (version != null && engines.find(name, version).isEmpty()) {
            throw new InvalidRequestException("engine " + name + " has no version " + version + "; versions: " + versions(name));
        }
    }

    private PremiumEngine engine(String name, Integer version, Instant by) {
        if (version != null) {
            return engines.find(name, version).orElseThrow();
        }
        return engines.inForce(name, by).orElseThrow(() -> new InvalidRequestException(
                "engine " + name + " has no version released by " + Instants.format(by) + "; name one: " + versions(name)));
    }

    private String versions(String name) {
        return engines.all().stream().filter(e -> e.name().equals(name))
                .map(e -> Integer.toString(e.version())).collect(Collectors.joining(", "));
    }

    public Decision decision(long id) {
        if (id < 1) {
            throw new InvalidRequestException("invalid decision id; ids are positive integers");
        }
        return store.decision(id).orElseThrow(() -> new NotFoundException("decision " + id + " does not exist"));
    }

    public List<Decision> decisions(DecisionQuery query) {
        if (query.engine() != null && !engines.names().contains(query.engine())) {
            throw new InvalidRequestException("unknown engine \"" + query.engine() + "\"; engines: "
                    + String.join(", ", engines.names()));
        }
        return store.decisions(query);
    }

    /**
     * Computes the decision again, with the engine version it named, from the record as known at
     * its {@code known_at}: identical unless the stored facts or the engine changed since.
     */
    public DecisionReplay replay(long id) {
        Decision decision = decision(id);
        List<String> differences = new ArrayList<>();
        Optional<PremiumEngine> engine = engines.find(decision.engine(), decision.engineVersion());
        if (engine.isEmpty()) {
            differences.add("engine " + decision.engine() + "@" + decision.engineVersion() + " is no longer registered");
            return new DecisionReplay(decision, null, 0, differences);
        }
        Optional<RecordVersion> state = records.findAt(decision.recordId(), decision.validAt(), decision.knownAt());
        if (state.isEmpty()) {
            differences.add("record " + decision.recordId() + " has no version at " + Instants.format(decision.validAt())
                    + " as known at " + Instants.format(decision.knownAt()) + " any more");
            return new DecisionReplay(decision, null, 0, differences);
        }
        long version = state.get().version();
        if (version != decision.recordVersion()) {
            differences.add("the facts come from record version " + version + ", the decision priced version "
                    + decision.recordVersion());
        }
        PremiumOutcome outcome = engine.get().price(state.get().data(), decision.validAt());
        if (outcome instanceof PremiumOutcome.Unpriced unpriced) {
            differences.add("the record can no longer be priced: " + unpriced.describe());
            return new DecisionReplay(decision, null, version, differences);
        }
        Quote replayed = ((PremiumOutcome.Priced) outcome).quote();
        compare(decision.quote(), replayed, differences);
        return new DecisionReplay(decision, replayed, version, differences);
    }

    private static void compare(Quote original, Quote replayed, List<String> differences) {
        if (!original.inputsSha256().equals(replayed.inputsSha256())) {
            // Names only: the values may be personal data the caller sees masked.
            java.util.Set<String> names = new java.util.TreeSet<>(original.inputs().keySet());
            names.addAll(replayed.inputs().keySet());
            names.removeIf(name -> java.util.Objects.equals(original.inputs().get(name), replayed.inputs().get(name)));
            differences.add(names.isEmpty() ? "the inputs do not match the digest stored with the decision"
                    : "inputs differ: " + String.join(", ", names));
        }
        if (original.premium().compareTo(replayed.premium()) != 0 || !original.currency().equals(replayed.currency())) {
            differences.add("premium " + original.premium().toPlainString() + " " + original.currency() + " then, "
                    + replayed.premium().toPlainString() + " " + replayed.currency() + " now");
        }
        if (!sameFactors(original, replayed)) {
            differences.add("the breakdown differs");
        }
    }

    private static boolean sameFactors(Quote a, Quote b) {
        if (a.factors().size() != b.factors().size()) {
            return false;
        }
        for (int i = 0; i < a.factors().size(); i++) {
            var x = a.factors().get(i);
            var y = b.factors().get(i);
            if (!x.name().equals(y.name()) || !x.input().equals(y.input()) || x.kind() != y.kind()
                    || x.value().compareTo(y.value()) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The record's premium over valid time as known now, by each engine in force now: one point
     * where each version takes effect (at most {@link #MAX_POINTS}, sampled evenly), for a chart.
     * Computed, not decided: nothing is recorded.
     */
    public List<PremiumPoint> history(long recordId) {
        RecordService.validateId(recordId);
        RecordTimeline timeline = records.timeline(recordId)
                .orElseThrow(() -> new NotFoundException("record " + recordId + " does not exist"));
        Instant now = clock.instant();
        List<PremiumEngine> current = new ArrayList<>();
        for (String name : engines.names()) {
            engines.inForce(name, now).ifPresent(current::add);
        }
        List<Instant> instants = changeInstants(timeline, now);
        List<PremiumPoint> points = new ArrayList<>();
        for (Instant at : instants) {
            timeline.at(at, now).ifPresent(state -> {
                Map<String, PremiumOutcome> outcomes = new LinkedHashMap<>();
                current.forEach(engine -> outcomes.put(engine.label(), engine.price(state.data(), at)));
                points.add(new PremiumPoint(at, state.newest().version(), outcomes));
            });
        }
        return points;
    }

    /** Each distinct instant a version takes effect (or a bounded one ends), sorted, sampled to {@link #MAX_POINTS}. */
    private static List<Instant> changeInstants(RecordTimeline timeline, Instant now) {
        java.util.TreeSet<Instant> instants = new java.util.TreeSet<>();
        for (RecordTimeline.Entry entry : timeline.entries()) {
            VersionInfo info = entry.info();
            instants.add(info.effectiveAt());
            if (info.validTo() != null && info.validTo().isBefore(Instants.MAX)) {
                instants.add(info.validTo());
            }
        }
        instants.add(now);
        List<Instant> all = new ArrayList<>(instants);
        if (all.size() <= MAX_POINTS) {
            return all;
        }
        List<Instant> sampled = new ArrayList<>();
        for (int i = 0; i < MAX_POINTS; i++) {
            sampled.add(all.get((int) ((long) i * (all.size() - 1) / (MAX_POINTS - 1))));
        }
        return sampled;
    }
}
