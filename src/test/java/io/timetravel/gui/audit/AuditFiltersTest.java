package io.timetravel.gui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.service.AuditQuery;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The audit browser's filters as typed: what they select in the user's zone, and what is wrong with them. */
class AuditFiltersTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aDateIsTheWholeDayInTheUsersZoneAndATimeOrAnInstantIsTakenAsWritten() {
        assertEquals(Instant.parse("2026-04-30T22:00:00Z"), AuditFilters.instant("2026-05-01", BERLIN, false).orElseThrow());
        assertEquals(Instant.parse("2026-05-01T21:59:59.999999Z"), AuditFilters.instant(" 2026-05-01 ", BERLIN, true).orElseThrow());
        assertEquals(Instant.parse("2026-05-01T12:30:00Z"), AuditFilters.instant("2026-05-01 14:30", BERLIN, true).orElseThrow());
        assertEquals(Instant.parse("2026-05-01T12:30:15Z"), AuditFilters.instant("2026-05-01 14:30:15", BERLIN, false).orElseThrow());
        assertEquals(Instant.parse("2026-05-01T12:30:00Z"), AuditFilters.instant("2026-05-01T12:30:00Z", BERLIN, false).orElseThrow());
        assertTrue(AuditFilters.instant("  ", BERLIN, false).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> AuditFilters.instant("yesterday", BERLIN, false));
        assertThrows(IllegalArgumentException.class, () -> AuditFilters.instant("2026-02-30", BERLIN, false));
    }

    @Test
    void theFiltersMakeOneQueryOrSayWhatIsWrong() {
        AuditFilters.Parsed parsed = AuditFilters.parse(" 12 ", "0", "update", "2026-05-01", "", AuditFilters.Verified.DECLARED, BERLIN);
        assertTrue(parsed.ok());
        AuditQuery query = parsed.query();
        assertEquals(12L, query.recordId());
        assertEquals(0L, query.actor(), "0 is the anonymous actor");
        assertEquals("update", query.eventType());
        assertEquals(Instant.parse("2026-04-30T22:00:00Z"), query.from());
        assertNull(query.to());
        assertEquals(Boolean.FALSE, query.actorVerified());

        assertFalse(AuditFilters.parse("0", "", "", "", "", AuditFilters.Verified.ALL, BERLIN).ok(), "record ids start at 1");
        assertEquals("Actor: \u201c-3\u201d is not a user id (a whole number, 0 for anonymous).",
                AuditFilters.parse("", "-3", "", "", "", AuditFilters.Verified.ALL, BERLIN).problem());
        assertTrue(AuditFilters.parse("", "", "", "", "soon", AuditFilters.Verified.ALL, BERLIN).problem().startsWith("To: "));
        assertNull(AuditFilters.parse("", "", "", "", "", AuditFilters.Verified.ALL, BERLIN).query().actorVerified());
    }
}
