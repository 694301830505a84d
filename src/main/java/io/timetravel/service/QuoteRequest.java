package io.timetravel.service;

import io.timetravel.domain.access.Actor;
import java.time.Instant;

/**
 * A request for a premium.
 *
 * @param at            the valid instant to price; {@code null}: the same as {@code asOf}
 * @param asOf          the facts as known then; {@code null}: now (the decision's own transaction time)
 * @param engine        an engine by name; {@code null}: the {@code new_risk_engine} flag chooses
 * @param engineVersion a version of {@code engine}; {@code null}: the newest one in force
 * @param apiVersion    the API version the request came through ("v2"), or "desktop"
 */
public record QuoteRequest(long recordId, Instant at, Instant asOf, String engine, Integer engineVersion, Actor by,
                           String apiVersion) {
}
