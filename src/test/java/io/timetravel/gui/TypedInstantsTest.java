package io.timetravel.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.timetravel.gui.TypedInstants.DateAlone;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The one reading of instants typed into the workbench's forms and filters. */
class TypedInstantsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aDateOrADateAndTimeIsReadInTheUsersZoneAndAnOffsetAsWritten() {
        assertEquals(Instant.parse("2026-04-30T22:00:00Z"), TypedInstants.read("2026-05-01", BERLIN, DateAlone.START));
        assertEquals(Instant.parse("2026-05-01T21:59:59.999999Z"), TypedInstants.read(" 2026-05-01 ", BERLIN, DateAlone.END));
        assertEquals(Instant.parse("2026-05-01T12:30:00Z"), TypedInstants.read("2026-05-01 14:30", BERLIN, DateAlone.END),
                "a time is the time, whatever a date alone would stand for");
        assertEquals(Instant.parse("2026-05-01T12:30:15Z"), TypedInstants.read("2026-05-01 14:30:15", BERLIN, DateAlone.START));
        assertEquals(Instant.parse("2026-05-01T07:05:00Z"), TypedInstants.read("2026-05-01T9:05", BERLIN, DateAlone.START));
        assertEquals(Instant.parse("2026-05-01T12:30:00Z"), TypedInstants.read("2026-05-01T12:30:00Z", BERLIN, DateAlone.START));
        assertEquals(Instant.parse("2026-05-01T12:30:00Z"), TypedInstants.read("2026-05-01T14:30:00+02:00", BERLIN, DateAlone.START));
        assertEquals(Instant.parse("2026-05-01T12:30:00Z"), TypedInstants.read("2026-05-01T10:30:00-02:00", BERLIN, DateAlone.START));
    }

    @Test
    void whatIsNoInstantOrNoRealDayIsRefused() {
        for (String typed : new String[] {"", "yesterday", "2026-02-30", "2026-02-30 12:00", "2026-04-31T08:00", "2026-05-01 25:00",
                "2026-05-01 14:60", "20260501", "2026-13-01T00:00:00Z", "2026-05-01T12:00:00+25:00"}) {
            assertThrows(IllegalArgumentException.class, () -> TypedInstants.read(typed, BERLIN, DateAlone.START), typed);
        }
    }

    @Test
    void aFormSaysWhichFieldIsWrongAndAnOptionalFieldMayStayEmpty() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> TypedInstants.parse(" ", BERLIN, "At"));
        assertEquals("At: an instant is required.", missing.getMessage());
        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
                () -> TypedInstants.parse("2026-02-30", BERLIN, "At"));
        assertEquals("At: \u201c2026-02-30\u201d is not an instant. Type a date (2026-05-01), a date and time in your zone "
                + "(2026-05-01 12:00) or RFC 3339 (2026-05-01T12:00:00Z).", invalid.getMessage());
        assertNull(TypedInstants.parseOptional("  ", BERLIN, "As of"));
        assertEquals(Instant.parse("2026-04-30T22:00:00Z"), TypedInstants.parseOptional("2026-05-01", BERLIN, "As of"));
    }
}
