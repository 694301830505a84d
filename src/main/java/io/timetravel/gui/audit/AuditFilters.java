package io.timetravel.gui.audit;

import io.timetravel.domain.Actors;
import io.timetravel.domain.Ids;
import io.timetravel.gui.Messages;
import io.timetravel.gui.TypedInstants;
import io.timetravel.service.AuditQuery;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The audit browser's filters as typed, read into a query or into the first thing wrong with
 * them, in words for the line under the filters. Dates and times are the user's zone; an instant
 * with a zone or offset is taken as written.
 */
public final class AuditFilters {

    /** Whose identity the entries' actors had. */
    public enum Verified {
        ALL(null), VERIFIED(true), DECLARED(false);

        private final Boolean value;

        Verified(Boolean value) {
            this.value = value;
        }

        /** The query's {@code actorVerified}. */
        public Boolean value() {
            return value;
        }

        @Override
        public String toString() {
            return Messages.get("audit.verified." + name());
        }
    }

    /** The query the filters make, or why they make none. */
    public record Parsed(AuditQuery query, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private AuditFilters() {
    }

    /** The filters the audit trail and the access log share, read; or why they do not read. */
    public record Common(Long recordId, Long actor, Instant from, Instant to, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** Reads the filters; blank fields filter nothing. */
    public static Parsed parse(String record, String actor, String operation, String from, String to, Verified verified,
                               ZoneId zone) {
        Common common = common(record, actor, from, to, zone);
        if (!common.ok()) {
            return new Parsed(null, common.problem());
        }
        String eventType = blank(operation) ? null : operation.strip();
        return new Parsed(new AuditQuery(common.recordId(), common.actor(), eventType, common.from(), common.to(),
                verified == null ? null : verified.value(), null, null, AuditViewModel.PAGE_SIZE, 0), null);
    }

    /** Reads a record id, a user id (0 = anonymous) and a time range, each optional. */
    public static Common common(String record, String actor, String from, String to, ZoneId zone) {
        Long recordId = null;
        if (!blank(record)) {
            long id = Ids.parsePositiveLong(record.strip());
            if (id < 0) {
                return problem(Messages.get("audit.bad.record", record.strip()));
            }
            recordId = id;
        }
        Long actorId = null;
        if (!blank(actor)) {
            String text = actor.strip();
            long id = text.equals("0") ? Actors.ANONYMOUS : Ids.parsePositiveLong(text);
            if (id < 0) {
                return problem(Messages.get("audit.bad.actor", text));
            }
            actorId = id;
        }
        Optional<Instant> fromInstant;
        Optional<Instant> toInstant;
        try {
            fromInstant = instant(from, zone, false);
        } catch (IllegalArgumentException e) {
            return problem(Messages.get("audit.bad.from", from.strip()));
        }
        try {
            toInstant = instant(to, zone, true);
        } catch (IllegalArgumentException e) {
            return problem(Messages.get("audit.bad.to", to.strip()));
        }
        if (fromInstant.isPresent() && toInstant.isPresent() && fromInstant.get().isAfter(toInstant.get())) {
            return problem(Messages.get("audit.bad.range"));
        }
        return new Common(recordId, actorId, fromInstant.orElse(null), toInstant.orElse(null), null);
    }

    /**
     * A date ({@code 2026-05-01}: its first instant, or with {@code endOfDay} its last), a local
     * time ({@code 2026-05-01 14:30[:15]}) in {@code zone}, or an instant ({@code 2026-05-01T12:30:00Z});
     * empty for blank text.
     *
     * @throws IllegalArgumentException when it is none of them
     */
    static Optional<Instant> instant(String text, ZoneId zone, boolean endOfDay) {
        if (blank(text)) {
            return Optional.empty();
        }
        return Optional.of(TypedInstants.read(text, zone, endOfDay ? TypedInstants.DateAlone.END : TypedInstants.DateAlone.START));
    }

    private static Common problem(String message) {
        return new Common(null, null, null, null, message);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
