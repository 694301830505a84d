package io.timetravel.domain.access;

import io.timetravel.domain.json.JsonArray;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The field policies in force, and the masking they imply: record states, merge patches and
 * diffs are masked here, the one place that knows what a masked value looks like.
 *
 * <p>A masked value is always a string starting with {@link #MASK}, so that a write of masked
 * text back into a personal field can be recognised and refused.
 */
public final class FieldPolicies {

    /** The start of every masked value. */
    public static final String MASK = "****";
    private static final int HASH_HEX_CHARS = 16;

    private final Map<String, FieldPolicy> byPath;
    private final byte[] hashKey;

    private FieldPolicies(Map<String, FieldPolicy> byPath, byte[] hashKey) {
        this.byPath = byPath;
        this.hashKey = hashKey.clone();
    }

    /** No personal fields: masking changes nothing. */
    public static FieldPolicies none() {
        return new FieldPolicies(Map.of(), new byte[32]);
    }

    /** The given policies; {@code hashKey} keys the {@link FieldPolicy.Masking#HASH} masking (keep it secret). */
    public static FieldPolicies of(Collection<FieldPolicy> policies, byte[] hashKey) {
        Map<String, FieldPolicy> byPath = new TreeMap<>();
        policies.forEach(policy -> byPath.put(policy.path(), policy));
        return new FieldPolicies(Map.copyOf(byPath), hashKey);
    }

    public boolean isEmpty() {
        return byPath.isEmpty();
    }

    /** The policies by path, sorted. */
    public List<FieldPolicy> list() {
        return new ArrayList<>(new TreeMap<>(byPath).values());
    }

    /** The policy covering the field at {@code path}, the outermost when several do. */
    public Optional<FieldPolicy> policyFor(String path) {
        int dot = -1;
        do {
            dot = path.indexOf('.', dot + 1);
            FieldPolicy policy = byPath.get(dot < 0 ? path : path.substring(0, dot));
            if (policy != null) {
                return Optional.of(policy);
            }
        } while (dot >= 0);
        return Optional.empty();
    }

    /** The first policy covering any of {@code fields} (e.g. the sources of a listing's name). */
    public Optional<FieldPolicy> policyForAny(List<String> fields) {
        for (String field : fields) {
            Optional<FieldPolicy> policy = policyFor(field);
            if (policy.isPresent()) {
                return policy;
            }
        }
        return Optional.empty();
    }

    /**
     * A record state or merge patch with every personal field masked. Nulls (removals in a
     * patch) stay null: that a field was removed is not personal data.
     */
    public JsonObject mask(JsonObject object) {
        return byPath.isEmpty() ? object : maskObject("", object);
    }

    /** A value found at {@code path} (a state, a patch, or a diff's entry) with its personal parts masked. */
    public JsonValue maskAt(String path, JsonValue value) {
        if (byPath.isEmpty() || value == null) {
            return value;
        }
        Optional<FieldPolicy> policy = policyFor(path);
        if (policy.isPresent()) {
            return maskValue(policy.get(), value);
        }
        return maskInside(path, value);
    }

    /**
     * A diff ({@code {"added":{path:v},"changed":{path:{"from":a,"to":b}},"removed":{path:v}}})
     * with its personal values masked; the paths stay readable.
     */
    public JsonObject maskDiff(JsonObject diff) {
        if (byPath.isEmpty()) {
            return diff;
        }
        JsonObject.Builder out = JsonObject.builder();
        diff.members().forEach((part, entries) -> {
            if (!(entries instanceof JsonObject byField)) {
                out.put(part, entries);
                return;
            }
            JsonObject.Builder masked = JsonObject.builder();
            byField.members().forEach((path, value) -> {
                if ("changed".equals(part) && value instanceof JsonObject change) {
                    JsonObject.Builder pair = JsonObject.builder();
                    change.members().forEach((side, sideValue) -> pair.put(side, maskAt(path, sideValue)));
                    masked.put(path, pair.build());
                } else {
                    masked.put(path, maskAt(path, value));
                }
            });
            out.put(part, masked.build());
        });
        return out.build();
    }

    /** The paths of the personal fields that {@code object} (a state or a patch) holds a value for. */
    public Set<String> personalPaths(JsonObject object) {
        Set<String> paths = new TreeSet<>();
        if (!byPath.isEmpty()) {
            collect("", object, paths);
        }
        return paths;
    }

    /** The personal fields among dotted {@code paths} (a diff's keys), by policy path. */
    public Set<String> personalPaths(Collection<String> paths) {
        Set<String> personal = new TreeSet<>();
        for (String path : paths) {
            policyFor(path).ifPresentOrElse(policy -> personal.add(policy.path()), () -> byPath.keySet().stream()
                    .filter(policyPath -> policyPath.startsWith(path + "."))
                    .forEach(personal::add));
        }
        return personal;
    }

    /**
     * The personal fields that {@code patch} sets to text that looks masked: a caller who cannot
     * see personal data must not write its masked form back as if it were the value.
     */
    public Set<String> maskedWrites(JsonObject patch) {
        Set<String> paths = new TreeSet<>();
        if (!byPath.isEmpty()) {
            findMasked("", patch, paths);
        }
        return paths;
    }

    private void findMasked(String prefix, JsonObject object, Set<String> paths) {
        object.members().forEach((key, value) -> findMaskedIn(prefix.isEmpty() ? key : prefix + "." + key, value, paths));
    }

    /** Arrays are looked into with the same path: a policy on {@code contacts.phone} covers {@code contacts[*].phone}. */
    private void findMaskedIn(String path, JsonValue value, Set<String> paths) {
        if (value instanceof JsonObject inner) {
            findMasked(path, inner, paths);
        } else if (value instanceof JsonArray array) {
            array.elements().forEach(element -> findMaskedIn(path, element, paths));
        } else if (value instanceof JsonString text && text.value().startsWith(MASK) && policyFor(path).isPresent()) {
            paths.add(path);
        }
    }

    private void collect(String prefix, JsonObject object, Set<String> paths) {
        object.members().forEach((key, value) -> collectIn(prefix.isEmpty() ? key : prefix + "." + key, value, paths));
    }

    private void collectIn(String path, JsonValue value, Set<String> paths) {
        Optional<FieldPolicy> policy = policyFor(path);
        if (policy.isPresent()) {
            if (!value.isNull()) {
                paths.add(policy.get().path());
            }
        } else if (value instanceof JsonObject inner) {
            collect(path, inner, paths);
        } else if (value instanceof JsonArray array) {
            array.elements().forEach(element -> collectIn(path, element, paths));
        }
    }

    /** A value under {@code path} that no policy covers as a whole, with the personal parts inside it masked. */
    private JsonValue maskInside(String path, JsonValue value) {
        if (!coversSomethingUnder(path)) {
            return value;
        }
        if (value instanceof JsonObject object) {
            return maskObject(path, object);
        }
        if (value instanceof JsonArray array) {
            List<JsonValue> elements = new ArrayList<>(array.elements().size());
            boolean changed = false;
            for (JsonValue element : array.elements()) {
                JsonValue masked = maskInside(path, element);
                changed |= masked != element;
                elements.add(masked);
            }
            return changed ? JsonArray.of(elements) : array;
        }
        return value;
    }

    private JsonObject maskObject(String prefix, JsonObject object) {
        JsonObject.Builder out = null;
        for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
            String path = prefix.isEmpty() ? member.getKey() : prefix + "." + member.getKey();
            JsonValue value = member.getValue();
            JsonValue masked = value;
            Optional<FieldPolicy> policy = policyFor(path);
            if (policy.isPresent()) {
                masked = maskValue(policy.get(), value);
            } else {
                masked = maskInside(path, value);
            }
            if (masked != value) {
                if (out == null) {
                    out = object.toBuilder();
                }
                out.put(member.getKey(), masked);
            }
        }
        return out == null ? object : out.build();
    }

    private boolean coversSomethingUnder(String path) {
        String prefix = path + ".";
        for (String policyPath : byPath.keySet()) {
            if (policyPath.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private JsonValue maskValue(FieldPolicy policy, JsonValue value) {
        if (value.isNull()) {
            return value;
        }
        String text = value instanceof JsonString string ? string.value() : value.toJson();
        return JsonString.of(switch (policy.masking()) {
            case FULL -> MASK;
            case PARTIAL -> text.length() <= policy.visibleChars() ? MASK
                    : MASK + text.substring(text.offsetByCodePoints(text.length(), -Math.min(policy.visibleChars(),
                            text.codePointCount(0, text.length()))));
            case HASH -> keyed(text);
        });
    }

    /**
     * {@code text} (a digest of stored data, say) as masked text that still compares: equal
     * inputs give equal outputs, and without the installation's key nothing can be tested
     * against it.
     */
    public String keyed(String text) {
        return MASK + "#" + keyedHash(text);
    }

    private String keyedHash(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hashKey, "HmacSHA256"));
            byte[] digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_CHARS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
