package io.timetravel.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * Decodes what a request names for its {@link ApiRequest}: the path and the query parameters
 * (their %XX escapes as UTF-8, a bad escape a 400), and the header values by name.
 */
final class RequestDecoding {

    private RequestDecoding() {
    }

    /** Decodes each path segment's %XX escapes as UTF-8; a '/' escaped inside a segment stays in it. */
    static String decodePath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        return rawPath.indexOf('%') < 0 ? rawPath : percentDecode(rawPath, "path");
    }

    /**
     * Query parameters; the first value of a repeated name wins. Only %XX escapes are decoded:
     * a '+' stays a '+' (this is an API, not an HTML form), so offsets in instants such as
     * {@code 2026-05-01T00:00:00+02:00} arrive intact.
     */
    static Map<String, String> parseQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, String> params = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = percentDecode(equals < 0 ? pair : pair.substring(0, equals), "query string");
            String value = equals < 0 ? "" : percentDecode(pair.substring(equals + 1), "query string");
            params.putIfAbsent(name, value);
        }
        return params;
    }

    /** Header values by name, the first of each name. */
    static Map<String, String> headers(HttpFields fields) {
        Map<String, String> values = new HashMap<>(fields.size() * 2);
        for (HttpField field : fields) {
            values.putIfAbsent(field.getName(), field.getValue());
        }
        return values;
    }

    private static String percentDecode(String text, String what) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteBuffer bytes = ByteBuffer.allocate(text.length() * 3);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw ApiException.badRequest("invalid " + what + ": truncated % escape");
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw ApiException.badRequest("invalid " + what + ": bad % escape");
                }
                bytes.put((byte) (high * 16 + low));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("invalid " + what + ": escapes are not valid UTF-8");
        }
    }
}
