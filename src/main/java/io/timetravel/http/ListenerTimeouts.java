package io.timetravel.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the listener waits for a client (decision 0020).
 *
 * @param header from the first byte of a request to the end of its headers
 * @param body   from the end of the headers to the end of the body
 * @param idle   how long a connection may stay silent: between requests (keep-alive), or while a
 *               read or a write of ours makes no progress (a client that stopped reading an answer)
 */
public record ListenerTimeouts(Duration header, Duration body, Duration idle) {

    public static final ListenerTimeouts DEFAULTS =
            new ListenerTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30));

    public ListenerTimeouts {
        for (Duration timeout : new Duration[] {header, body, idle}) {
            if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: " + timeout);
            }
        }
    }
}
