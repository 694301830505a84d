package io.timetravel.http.versioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.http.ApiException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which version a client's {@code ?version=} or {@code X-API-Version} value names. */
class VersionRegistryTest {

    private static final String AVAILABLE = "v1 (2019-01-01, legacy, deprecated), v2 (2026-02-16, stable, latest)";

    private final VersionRegistry registry = VersionRegistry.standard();

    @ParameterizedTest
    @CsvSource({
        "v1, v1", "v2, v2", "V1, v1", "' v2 ', v2",
        "legacy, v1", "deprecated, v1", "stable, v2", "latest, v2", "LATEST, v2",
        "2019-01-01, v1", "2026-02-15, v1", "2026-02-16, v2", "2030-01-01, v2",
        "2026-02-15T23:59:59.999999Z, v1", "2026-02-16T00:00:00Z, v2", "2026-02-16T01:00:00+02:00, v1",
        "2026-02-16T00:30:00-01:00, v2", "2020-06-01 12:00:00Z, v1"})
    void aNameATagADateOrAnInstantNamesAVersion(String value, String expected) {
        assertEquals(expected, registry.resolve(value).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void noValueNamesTheLatest(String value) {
        assertEquals("v2", registry.resolve(value).name());
        assertEquals("v2", registry.resolve(null).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "banana", "2", "2026-13-01", "v2;v1", "newest"})
    void anUnknownValueIsA400ListingTheVersions(String value) {
        ApiException refused = assertThrows(ApiException.class, () -> registry.resolve(value));

        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().startsWith("unknown API version \"" + value + "\"; available: " + AVAILABLE),
                refused.getMessage());
    }

    @Test
    void anInstantBeforeTheFirstReleaseIsA400SayingNoVersionExistedThen() {
        ApiException refused = assertThrows(ApiException.class, () -> registry.resolve("2018-12-31T23:59:59Z"));

        assertEquals(400, refused.status());
        assertEquals("no API version existed at 2018-12-31T23:59:59.000000Z; the first, v1, was released "
                + "2019-01-01T00:00:00.000000Z; available: " + AVAILABLE, refused.getMessage());
    }

    @Test
    void v1IsDeprecatedSinceV2WasReleasedAndV2IsCurrent() {
        ApiVersion v1 = registry.byName("v1").orElseThrow();
        ApiVersion v2 = registry.byName("v2").orElseThrow();

        assertEquals(Instant.parse("2026-02-16T00:00:00Z"), registry.deprecatedAt(v1).orElseThrow());
        assertEquals("deprecated", registry.status(v1));
        assertEquals("current", registry.status(v2));
        assertTrue(registry.deprecatedAt(v2).isEmpty());
        assertEquals(v2, registry.successor(v1).orElseThrow());
    }

    @Test
    void aTagNamingTwoVersionsIsRefused() {
        ApiSchema schema = ApiSchema.of();
        List<ApiVersion> versions = List.of(
                new ApiVersion("v1", Instant.parse("2020-01-01T00:00:00Z"), List.of("stable"), schema),
                new ApiVersion("v2", Instant.parse("2021-01-01T00:00:00Z"), List.of("stable"), schema));

        assertThrows(IllegalArgumentException.class, () -> new VersionRegistry(versions));
    }
}
