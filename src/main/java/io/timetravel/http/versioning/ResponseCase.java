package io.timetravel.http.versioning;

import java.util.Objects;

/**
 * One kind of answer an endpoint gives, named by the situation ("record found", "missing
 * record"), so that two versions' answers to the same situation can be compared, status and body.
 */
public record ResponseCase(String name, int status, Schema body) {

    public ResponseCase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
    }

    public boolean success() {
        return status >= 200 && status < 300;
    }
}
