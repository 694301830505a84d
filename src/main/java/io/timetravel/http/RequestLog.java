package io.timetravel.http;

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
            // Reasons may quote what the client sent (an unknown role, a query value): one line, always.
            LOG.log(System.Logger.Level.ERROR, LogText.escape(error));
        }
        long tenths = (nanos + 50_000) / 100_000;
        LOG.log(System.Logger.Level.INFO, "request method=" + method + " path=" + LogText.path(path) + " status=" + status
                + " ms=" + tenths / 10 + "." + tenths % 10);
    }
}
