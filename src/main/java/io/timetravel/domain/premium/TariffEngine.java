package io.timetravel.domain.premium;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What every engine version states about itself: its name, version, release, description and the fields it reads. */
abstract class TariffEngine implements PremiumEngine {

    private final String name;
    private final int version;
    private final Instant releasedAt;
    private final String description;
    private final List<String> fields;

    TariffEngine(String name, int version, Instant releasedAt, String description, List<String> fields) {
        this.name = Objects.requireNonNull(name, "name");
        this.version = version;
        this.releasedAt = Objects.requireNonNull(releasedAt, "releasedAt");
        this.description = Objects.requireNonNull(description, "description");
        this.fields = List.copyOf(fields);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int version() {
        return version;
    }

    @Override
    public final Instant releasedAt() {
        return releasedAt;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<String> fields() {
        return fields;
    }
}
