package io.timetravel.http.v2;

import io.timetravel.domain.VersionInfo;
import java.time.Instant;

/** One entry of a record's version list. */
public record VersionBody(long version, Instant recordedAt, Instant effectiveAt, Instant validTo, long actor, String operation,
                          String reason) {

    public static VersionBody of(VersionInfo info) {
        return new VersionBody(info.version(), info.recordedAt(), info.effectiveAt(), info.validTo(), info.actor(),
                info.operation().name(), info.reason());
    }
}
