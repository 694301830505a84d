package io.timetravel.gui;

import io.timetravel.domain.HashChain;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.service.Disclosure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * A record state or merge patch as the user may see it: personal fields masked when the user
 * lacks the {@code pii} grant, and for each masked value a fingerprint of the real one, so that
 * a view can still mark a masked field as changed ({@code ****.com} to {@code ****.com}) without
 * holding the values. Fingerprints are salted per run and never leave memory.
 *
 * @param data         what is shown
 * @param fingerprints by dotted path of {@code data}: a masked value's fingerprint
 */
public record ShownState(JsonObject data, Map<String, Long> fingerprints) {

    private static final byte[] SALT = new SecureRandom().generateSeed(16);

    public ShownState {
        fingerprints = Map.copyOf(fingerprints);
    }

    /** Data shown as it is (nothing masked). */
    public static ShownState plain(JsonObject data) {
        return new ShownState(data, Map.of());
    }

    /** {@code real}, a state or patch of record {@code recordId}, as {@code disclosure}'s caller may see it. */
    public static ShownState of(Disclosure disclosure, long recordId, JsonObject real) {
        JsonObject shown = disclosure.state(recordId, real);
        if (shown == real) {
            return plain(real);
        }
        Map<String, Long> fingerprints = new HashMap<>();
        collect("", shown, real, fingerprints);
        return new ShownState(shown, fingerprints);
    }

    private static void collect(String prefix, JsonObject shown, JsonObject real, Map<String, Long> out) {
        shown.members().forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            JsonValue original = real.getOrNull(key);
            if (value.equals(original)) {
                return;
            }
            if (value instanceof JsonObject inner && original instanceof JsonObject innerReal) {
                collect(path, inner, innerReal, out);
            } else if (original != null) {
                out.put(path, fingerprint(original));
            }
        });
    }

    private static long fingerprint(JsonValue value) {
        MessageDigest digest = HashChain.sha256();
        digest.update(SALT);
        byte[] hash = digest.digest(value.toJson().getBytes(StandardCharsets.UTF_8));
        long out = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            out = (out << 8) | (hash[i] & 0xff);
        }
        return out;
    }
}
