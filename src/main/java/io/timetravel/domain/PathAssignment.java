package io.timetravel.domain;

import io.timetravel.domain.json.JsonValue;

/**
 * One assignment at a path of a {@link RecordTimeline}: the position {@code (effective, version)}
 * of the version that made it, the end of that version's valid period, and what it assigns.
 *
 * @param value what a set assigns; {@code null} for a remove (in the replacing list) and
 *              for an ensure (in the ensuring list)
 */
record PathAssignment(long effective, long version, long validTo, JsonValue value) {

    boolean after(long otherEffective, long otherVersion) {
        return effective != otherEffective ? effective > otherEffective : version > otherVersion;
    }

    boolean after(PathAssignment other) {
        return after(other.effective, other.version);
    }
}

