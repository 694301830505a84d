package io.timetravel.service;

import java.time.Instant;

/**
 * A bearer token just issued: the only moment its text exists outside the caller's hands (the
 * store keeps a hash).
 *
 * @param expiresAt {@code null} = does not expire
 */
public record IssuedToken(long userId, String token, Instant issuedAt, Instant expiresAt) {

    @Override
    public String toString() {
        // Never into a log by accident.
        return "IssuedToken[userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
