package io.timetravel.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A request to price every record.
 *
 * @param at               the valid instant; {@code null}: the same as {@code asOf}
 * @param asOf             the facts as known then; {@code null}: when the request is recorded
 * @param engines          {@code name} or {@code name@version}; empty: every engine's version in force
 * @param thresholdPercent report records whose premiums differ by more than this between engines;
 *                         {@code null}: {@link RecalculationService#DEFAULT_THRESHOLD}
 */
public record RecalculationRequest(Instant at, Instant asOf, List<String> engines, BigDecimal thresholdPercent,
                                   String reason, long requestedBy) {

    public RecalculationRequest {
        engines = engines == null ? List.of() : List.copyOf(engines);
    }
}
