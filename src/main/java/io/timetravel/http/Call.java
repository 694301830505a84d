package io.timetravel.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request on its way through the {@link Dispatcher}: where its answer goes and what the log
 * and metrics say of it.
 */
final class Call {

    static final String UNMATCHED = "unmatched";

    final Request request;
    final Response response;
    final Callback callback;
    final long start = System.nanoTime();
    final String method;
    String path;
    String route = UNMATCHED;
    String apiVersion = "none";
    /** Whether the connection must close after the answer: the request's body was not read to its end. */
    boolean close;
    /** What the body took from the {@link BodyBudget}, given back when the answer is ready. */
    long budgeted;

    Call(Request request, Response response, Callback callback, String method, String path) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.method = method;
        this.path = path;
    }

    /** Whether only the headers of the answer are sent. */
    boolean head() {
        return "HEAD".equals(method);
    }
}
