package io.timetravel.http.versioning;

import io.timetravel.domain.Instants;
import io.timetravel.http.ApiException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The API versions, oldest first, and the resolution of a client's {@code ?version=} or
 * {@code X-API-Version} value (docs/contract.md: Version routing): a version name or a tag names a version, a date or an
 * instant names the newest version released by then, no value names the latest.
 */
public final class VersionRegistry {

    /** v1's release: the legacy service predates the registry; this date stands for "always there". */
    public static final Instant V1_RELEASED = Instant.parse("2019-01-01T00:00:00Z");
    public static final Instant V2_RELEASED = Instant.parse("2026-02-16T00:00:00Z");

    private final List<ApiVersion> versions;

    public VersionRegistry(List<ApiVersion> versions) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("no API versions");
        }
        List<ApiVersion> sorted = new ArrayList<>(versions);
        sorted.sort(Comparator.comparing(ApiVersion::released));
        Set<String> words = new HashSet<>();
        for (ApiVersion version : sorted) {
            if (!words.add(version.name())) {
                throw new IllegalArgumentException("version or tag " + version.name() + " used twice");
            }
        }
        for (ApiVersion version : sorted) {
            for (String tag : version.tags()) {
                // A tag names one version; "deprecated" is a status several versions may share.
                if (!tag.equals(ApiVersion.DEPRECATED) && !words.add(tag)) {
                    throw new IllegalArgumentException("version or tag " + tag + " used twice");
                }
            }
        }
        this.versions = List.copyOf(sorted);
    }

    /** v1 (the legacy API, now served through transformers) and v2. */
    public static VersionRegistry standard() {
        return new VersionRegistry(List.of(
                new ApiVersion("v1", V1_RELEASED, List.of("legacy", ApiVersion.DEPRECATED), ApiSchemas.v1()),
                new ApiVersion("v2", V2_RELEASED, List.of("stable", "latest"), ApiSchemas.v2())));
    }

    /** Oldest first. */
    public List<ApiVersion> versions() {
        return versions;
    }

    public ApiVersion latest() {
        return versions.get(versions.size() - 1);
    }

    public Optional<ApiVersion> byName(String name) {
        for (ApiVersion version : versions) {
            if (version.name().equals(name)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    public Optional<ApiVersion> predecessor(ApiVersion version) {
        int index = versions.indexOf(version);
        return index > 0 ? Optional.of(versions.get(index - 1)) : Optional.empty();
    }

    public Optional<ApiVersion> successor(ApiVersion version) {
        int index = versions.indexOf(version);
        return index >= 0 && index + 1 < versions.size() ? Optional.of(versions.get(index + 1)) : Optional.empty();
    }

    /** When a deprecated version was deprecated: its successor's release. */
    public Optional<Instant> deprecatedAt(ApiVersion version) {
        return version.deprecated() ? successor(version).map(ApiVersion::released) : Optional.empty();
    }

    /** "deprecated", "current" (the latest) or "supported". */
    public String status(ApiVersion version) {
        if (version.deprecated()) {
            return "deprecated";
        }
        return version.equals(latest()) ? "current" : "supported";
    }

    /**
     * The version a client's value names; {@code null} or blank = the latest.
     *
     * @throws ApiException 400 listing the versions when the value names none
     */
    public ApiVersion resolve(String value) {
        if (value == null || value.isBlank()) {
            return latest();
        }
        String text = value.strip();
        String word = text.toLowerCase(Locale.ROOT);
        for (ApiVersion version : versions) {
            if (version.name().equals(word)) {
                return version;
            }
        }
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).tags().contains(word)) {
                return versions.get(i);
            }
        }
        Instant at;
        try {
            at = Instants.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unknown API version \"" + abbreviate(text) + "\"; available: " + available()
                    + "; or a date or instant (2026-03-01, 2026-03-01T12:00:00Z) for the version current then");
        }
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (!versions.get(i).released().isAfter(at)) {
                return versions.get(i);
            }
        }
        ApiVersion first = versions.get(0);
        throw ApiException.badRequest("no API version existed at " + Instants.format(at) + "; the first, " + first.name()
                + ", was released " + Instants.format(first.released()) + "; available: " + available());
    }

    /** {@code v1 (2019-01-01, legacy, deprecated), v2 (2026-02-16, stable, latest)}. */
    public String available() {
        return versions.stream().map(version -> {
            List<String> words = new ArrayList<>();
            words.add(day(version.released()));
            words.addAll(version.tags());
            return version.name() + " (" + String.join(", ", words) + ")";
        }).collect(Collectors.joining(", "));
    }

    /** The date alone when the instant is a midnight UTC, else the whole instant. */
    private static String day(Instant instant) {
        return instant.getEpochSecond() % 86_400 == 0 && instant.getNano() == 0
                ? instant.atOffset(ZoneOffset.UTC).toLocalDate().toString()
                : Instants.format(instant);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
