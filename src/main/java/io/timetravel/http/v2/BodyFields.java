package io.timetravel.http.v2;

import io.timetravel.domain.Instants;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.http.ApiException;
import io.timetravel.http.ApiRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request body's members, read with one set of rules: only the members an endpoint takes, each
 * optional and {@code null} meaning absent, and a 400 naming the member when its value is of the
 * wrong kind. An empty body is an empty object here, since every member is optional.
 */
final class BodyFields {

    private final JsonObject body;

    private BodyFields(JsonObject body) {
        this.body = body;
    }

    /** The body's members, refusing any not in {@code members} ({@code what} names the request in the message). */
    static BodyFields of(ApiRequest request, Set<String> members, String what) {
        JsonObject body = request.body().length == 0 ? JsonObject.empty() : RecordsApi.jsonObjectBody(request);
        for (String key : body.members().keySet()) {
            if (!members.contains(key)) {
                throw ApiException.badRequest("unknown member \"" + key + "\"; " + what + " takes "
                        + String.join(", ", new TreeSet<>(members)));
            }
        }
        return of(body);
    }

    /** The members of a body already read (and checked for unknown members) by its endpoint. */
    static BodyFields of(JsonObject body) {
        return new BodyFields(body);
    }

    private JsonValue value(String name) {
        JsonValue value = body.getOrNull(name);
        return value == null || value.isNull() ? null : value;
    }

    Instant instant(String name) {
        JsonValue value = value(name);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString text) {
            try {
                return Instants.parse(text.value());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid " + name + ": " + e.getMessage());
            }
        }
        throw ApiException.badRequest("invalid " + name + "; use an RFC 3339 instant (2026-05-01T12:00:00Z) or a date");
    }

    String text(String name) {
        JsonValue value = value(name);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.value();
        }
        throw ApiException.badRequest(name + " must be a string");
    }

    /** A whole number from 1 to {@link Integer#MAX_VALUE}. */
    Integer positiveInt(String name) {
        JsonValue value = value(name);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNumber number && number.value().signum() > 0) {
            try {
                return number.value().intValueExact();
            } catch (ArithmeticException e) {
                // not whole, or too large: answered below
            }
        }
        throw ApiException.badRequest("invalid " + name + "; use a whole number from 1");
    }

    BigDecimal decimal(String name) {
        JsonValue value = value(name);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNumber number && number.value().abs().compareTo(BigDecimal.valueOf(1_000_000)) < 0) {
            return number.value();
        }
        throw ApiException.badRequest("invalid " + name + "; use a number");
    }

    /** A list of strings: an array of them, or one string. */
    List<String> texts(String name, int max) {
        JsonValue value = value(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof JsonString one) {
            return List.of(one.value());
        }
        if (value instanceof JsonArray array && array.size() <= max) {
            List<String> texts = new ArrayList<>();
            for (JsonValue element : array.elements()) {
                if (!(element instanceof JsonString text)) {
                    throw ApiException.badRequest(name + " must be strings");
                }
                texts.add(text.value());
            }
            return texts;
        }
        throw ApiException.badRequest(name + " must be a string or an array of at most " + max + " strings");
    }
}
