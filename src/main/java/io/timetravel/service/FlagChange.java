package io.timetravel.service;

import java.util.List;

/**
 * A change to a flag: only the fields given ({@code null} = leave as is) change.
 *
 * @param reason why, for the audit trail; may be {@code null}
 */
public record FlagChange(Boolean enabled, Integer rolloutPercentage, List<String> regions, String description, String reason) {

    public boolean isEmpty() {
        return enabled == null && rolloutPercentage == null && regions == null && description == null;
    }
}
