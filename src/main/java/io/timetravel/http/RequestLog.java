package io.timetravel.http;

import java.util.Locale;

/**
 * The request log: one line per request, {@code request method=GET path=/api/v2/records/123
 * status=200 ms=1.2}, preceded for failures by an ERROR line with the reason given to the client.
 */
public final class RequestLog implements RequestObserver {

    private static final System.Logger LOG = System.getLogger("timetravel.request");

    @Override
    public void observe(String method, String path, String route, String apiVersion, int status, long nanos, String error) {
        if (!LOG.isLoggable(System.Logger.Level.INFO)) {
            return;
        }
        if (error != null) {
            // Reasons may quote what the client sent (an unknown role, a member name): one line, always.
            LOG.log(System.Logger.Level.ERROR, sanitize(error, false));
        }
        long tenths = (nanos + 50_000) / 100_000;
        LOG.log(System.Logger.Level.INFO, "request method=" + method + " path=" + sanitize(path, true) + " status=" + status
                + " ms=" + tenths / 10 + "." + tenths % 10);
    }

    /**
     * Keeps one request on one line whatever the client put in its path or got quoted in a
     * reason: control characters and line separators as {@code %XX} (in a path, spaces too, so
     * the fields of the line stay apart).
     */
    static String sanitize(String path, boolean spaces) {
        StringBuilder out = null;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || (spaces && c == ' ') || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                if (out == null) {
                    out = new StringBuilder(path.substring(0, i));
                }
                out.append(String.format(Locale.ROOT, "%%%02X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? path : out.toString();
    }
}
