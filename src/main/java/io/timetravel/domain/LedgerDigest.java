package io.timetravel.domain;

import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A signed statement of how far the ledger went: "at {@code at} the ledger had {@code entries}
 * entries and the last one's hash was {@code head}", signed with the installation's Ed25519 key
 * ({@link DigestKey}). Whoever keeps one can later check that the ledger still extends it: the
 * same first {@code entries} entries, ending in the same hash.
 *
 * <p>The signature covers {@link #signedContent()}, the other four members as sorted-key JSON
 * with no spaces, exactly as they are written here; it is standard Base64.
 *
 * @param at the instant it was taken, as the text it was signed with
 */
public record LedgerDigest(long entries, String head, String at, String keyId, String signature) {

    /** The members of a digest, in the order they are written. */
    public static final List<String> MEMBERS = List.of("entries", "head", "at", "key_id", "signature");

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
    private static final int SIGNATURE_BYTES = 64;

    /** The bytes the signature covers, as text: {@code {"at":...,"entries":N,"head":...,"key_id":...}}. */
    public String signedContent() {
        return signedContent(entries, head, at, keyId);
    }

    static String signedContent(long entries, String head, String at, String keyId) {
        return JsonObject.builder().put("at", at).put("entries", entries).put("head", head).put("key_id", keyId).build().toJson();
    }

    /** The digest as one line of JSON: {@code {"entries":N,"head":"...","at":"...","key_id":"...","signature":"..."}}. */
    public String toJson() {
        return "{\"entries\":" + entries + ",\"head\":" + JsonString.of(head).toJson() + ",\"at\":" + JsonString.of(at).toJson()
                + ",\"key_id\":" + JsonString.of(keyId).toJson() + ",\"signature\":" + JsonString.of(signature).toJson() + "}";
    }

    /** The signature's bytes. */
    byte[] signatureBytes() {
        return Base64.getDecoder().decode(signature);
    }

    /**
     * Reads a digest from a line of text.
     *
     * @throws IllegalArgumentException saying what is wrong when it is not one
     */
    public static LedgerDigest parse(String text) {
        try {
            return of(JsonParser.parseObject(text));
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a digest from a JSON object: exactly the five members, each of its kind.
     *
     * @throws IllegalArgumentException saying what is wrong when it is not one
     */
    public static LedgerDigest of(JsonObject json) {
        for (String key : json.members().keySet()) {
            if (!MEMBERS.contains(key)) {
                throw new IllegalArgumentException("unknown member \"" + key + "\"; a digest has " + String.join(", ", MEMBERS));
            }
        }
        JsonValue entries = json.getOrNull("entries");
        if (!(entries instanceof JsonNumber number) || !isCount(number.value())) {
            throw new IllegalArgumentException("entries must be a whole number, 0 or more");
        }
        String head = text(json, "head");
        if (!HEX64.matcher(head).matches()) {
            throw new IllegalArgumentException("head must be 64 lower-case hex digits");
        }
        String at = text(json, "at");
        try {
            Instants.parse(at);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException("at must be an instant", e);
        }
        String keyId = text(json, "key_id");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("key_id must be 16 lower-case hex digits");
        }
        String signature = text(json, "signature");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signature must be Base64", e);
        }
        if (bytes.length != SIGNATURE_BYTES) {
            throw new IllegalArgumentException("signature must be " + SIGNATURE_BYTES + " bytes (Ed25519)");
        }
        return new LedgerDigest(number.value().longValueExact(), head, at, keyId, signature);
    }

    private static boolean isCount(BigDecimal value) {
        try {
            return value.signum() >= 0 && value.stripTrailingZeros().scale() <= 0 && value.longValueExact() >= 0;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static String text(JsonObject json, String key) {
        if (!(json.getOrNull(key) instanceof JsonString text)) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        return text.value();
    }
}
