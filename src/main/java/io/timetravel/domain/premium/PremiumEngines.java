package io.timetravel.domain.premium;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Every premium engine version the program knows, like the API's version registry: looked up by
 * name and version, or by name alone as the newest version released by an instant. Versions are
 * never removed, so any decision ever made can be replayed with the engine that made it.
 */
public final class PremiumEngines {

    private final List<PremiumEngine> engines;

    public PremiumEngines(List<PremiumEngine> engines) {
        List<PremiumEngine> sorted = new ArrayList<>(engines);
        sorted.sort(Comparator.comparing(PremiumEngine::name).thenComparingInt(PremiumEngine::version));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).label().equals(sorted.get(i - 1).label())) {
                throw new IllegalArgumentException("engine " + sorted.get(i).label() + " registered twice");
            }
        }
        this.engines = List.copyOf(sorted);
    }

    /** classic@1, risk-v2@1 and risk-v2@2. */
    public static PremiumEngines standard() {
        return new PremiumEngines(List.of(new ClassicEngine(ClassicEngine.V1), new RiskEngine(RiskEngine.V1),
                new RiskEngine(RiskEngine.V2)));
    }

    /** Every version, by name then version. */
    public List<PremiumEngine> all() {
        return engines;
    }

    /** The engines' names, sorted. */
    public List<String> names() {
        return List.copyOf(new TreeSet<>(engines.stream().map(PremiumEngine::name).toList()));
    }

    public Optional<PremiumEngine> find(String name, int version) {
        return engines.stream().filter(e -> e.name().equals(name) && e.version() == version).findFirst();
    }

    /** The newest version of {@code name} released at or before {@code by}. */
    public Optional<PremiumEngine> inForce(String name, Instant by) {
        return engines.stream()
                .filter(e -> e.name().equals(name) && !e.releasedAt().isAfter(by))
                .max(Comparator.comparingInt(PremiumEngine::version));
    }
}
