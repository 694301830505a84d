package io.timetravel.http.v2;

import io.timetravel.domain.Instants;
import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonBoolean;
import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
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
import java.util.function.Function;

/**
 * The one way a request body is bound: every endpoint that takes a body reads it into a typed
 * request record through this class, with one set of rules. The body is a JSON object with only
 * the members the endpoint takes (any other is a 400 naming it and listing those it takes); a
 * member that is absent or JSON {@code null} reads as {@code null}, unless the endpoint refuses a
 * null for it ({@link #refuseNulls}); a value of the wrong kind is a 400 naming the member and
 * what it takes. Nothing here calls a service: binding is done before the handler does anything.
 */
final class RequestBody {

    private final JsonObject body;

    private RequestBody(JsonObject body) {
        this.body = body;
    }

    /** A body that must be a JSON object with only {@code members} ({@code takes} says what the request takes). */
    static RequestBody required(ApiRequest request, Set<String> members, String takes) {
        return checked(object(request), members, takes);
    }

    /** The same, where every member is optional and so an empty body is an empty object. */
    static RequestBody optional(ApiRequest request, Set<String> members, String takes) {
        return checked(request.body().length == 0 ? JsonObject.empty() : object(request), members, takes);
    }

    /** The body as a JSON object, else 400 saying what is wrong with it (the record endpoints' patch). */
    static JsonObject object(ApiRequest request) {
        return parsed(request, "request body must be a JSON object", JsonParser::parseObject);
    }

    /** The body as JSON of any kind, else 400: {@code missing} when there is none, or what is wrong with it. */
    static JsonValue json(ApiRequest request, String missing) {
        return parsed(request, missing, JsonParser::parse);
    }

    /** Parses a body's UTF-8 bytes. */
    @FunctionalInterface
    private interface Parse<T> {
        T parse(byte[] utf8) throws JsonParseException;
    }

    private static <T> T parsed(ApiRequest request, String missing, Parse<T> parse) {
        if (request.body().length == 0) {
            throw ApiException.badRequest(missing);
        }
        try {
            return parse.parse(request.body());
        } catch (JsonParseException e) {
            throw ApiException.badRequest("invalid JSON body: " + e.getMessage());
        }
    }

    private static RequestBody checked(JsonObject body, Set<String> members, String takes) {
        for (String key : body.members().keySet()) {
            if (!members.contains(key)) {
                throw ApiException.badRequest("unknown member \"" + key + "\"; " + takes + " takes "
                        + String.join(", ", new TreeSet<>(members)));
            }
        }
        return new RequestBody(body);
    }

    /** {@code value}, a member read from a body, else 400 with {@code refusal} (a member the request needs). */
    static <T> T present(T value, String refusal) {
        if (value == null) {
            throw ApiException.badRequest(refusal);
        }
        return value;
    }

    /** Refuses a JSON {@code null} for these members, where the endpoint gives null no meaning. */
    RequestBody refuseNulls(String... names) {
        for (String name : names) {
            if (isNull(name)) {
                throw ApiException.badRequest(name + " must not be null");
            }
        }
        return this;
    }

    /** Whether the member is there with the value {@code null} (which some endpoints read as "clear"). */
    boolean isNull(String name) {
        JsonValue value = body.getOrNull(name);
        return value != null && value.isNull();
    }

    /** The member's value, {@code null} when it is absent or JSON null. */
    JsonValue value(String name) {
        JsonValue value = body.getOrNull(name);
        return value == null || value.isNull() ? null : value;
    }

    /** An RFC 3339 instant or a date, as a string. */
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
        return member(name, JsonString.class, JsonString::value, "a string");
    }

    Boolean bool(String name) {
        return member(name, JsonBoolean.class, JsonBoolean::value, "true or false");
    }

    /** The member read by {@code read} when it is a {@code kind}, else 400: "NAME must be WHAT". */
    private <J extends JsonValue, T> T member(String name, Class<J> kind, Function<J, T> read, String what) {
        JsonValue value = value(name);
        if (value == null) {
            return null;
        }
        if (kind.isInstance(value)) {
            return read.apply(kind.cast(value));
        }
        throw ApiException.badRequest(name + " must be " + what);
    }

    /** A whole number from 1 to {@link Long#MAX_VALUE}. */
    Long positiveLong(String name) {
        return wholeNumber(name, 1, Long.MAX_VALUE, "invalid " + name + "; use a whole number from 1");
    }

    /** A whole number from 1 to {@link Integer#MAX_VALUE}. */
    Integer positiveInt(String name) {
        Long value = wholeNumber(name, 1, Integer.MAX_VALUE, "invalid " + name + "; use a whole number from 1");
        return value == null ? null : value.intValue();
    }

    /** A whole number from 1, where anything above {@link Integer#MAX_VALUE} means "as much as there is". */
    Integer positiveIntCapped(String name) {
        Long value = positiveLong(name);
        return value == null ? null : (int) Math.min(Integer.MAX_VALUE, value);
    }

    /** A whole number from {@code min} to {@code max}. */
    Integer intBetween(String name, int min, int max) {
        Long value = wholeNumber(name, min, max, "invalid " + name + "; use a whole number from " + min + " to " + max);
        return value == null ? null : value.intValue();
    }

    private Long wholeNumber(String name, long min, long max, String refusal) {
        JsonValue value = value(name);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            BigDecimal decimal = number.value();
            if ((decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0)
                    && decimal.compareTo(BigDecimal.valueOf(min)) >= 0 && decimal.compareTo(BigDecimal.valueOf(max)) <= 0) {
                return decimal.longValueExact();
            }
        }
        throw ApiException.badRequest(refusal);
    }

    /** A number below a million in size. */
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

    /** A list of strings: an array of at most {@code max} of them, or one string. */
    List<String> texts(String name, int max) {
        JsonValue value = value(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof JsonString one) {
            return List.of(one.value());
        }
        if (value instanceof JsonArray array && array.size() <= max) {
            return strings(array, name + " must be strings");
        }
        throw ApiException.badRequest(name + " must be a string or an array of at most " + max + " strings");
    }

    /** An array of strings; {@code refusal} says what the member takes when it is anything else. */
    List<String> array(String name, String refusal) {
        JsonValue value = value(name);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonArray array) {
            return strings(array, refusal);
        }
        throw ApiException.badRequest(refusal);
    }

    private static List<String> strings(JsonArray array, String refusal) {
        List<String> texts = new ArrayList<>();
        for (JsonValue element : array.elements()) {
            if (!(element instanceof JsonString text)) {
                throw ApiException.badRequest(refusal);
            }
            texts.add(text.value());
        }
        return texts;
    }
}
