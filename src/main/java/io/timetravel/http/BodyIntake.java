package io.timetravel.http;

import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request's body, or reads and drops it, without holding a thread and within the body
 * deadline. A body to keep is read only once the {@link BodyBudget} admits its size; its share
 * is given back when the answer is ready.
 */
final class BodyIntake {

    /** Largest request body accepted; larger ones get 413. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /** How much of a too-large body is read and dropped so that the 413 reaches the client rather than a reset. */
    static final long MAX_DISCARD_BYTES = 16L * 1024 * 1024;

    private final Scheduler scheduler;
    private final Duration timeout;
    private final BodyBudget budget;

    BodyIntake(Scheduler scheduler, Duration timeout, BodyBudget budget) {
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.budget = budget;
    }

    /** Whether the request has a body: a Content-Length above 0, or a (chunked) Transfer-Encoding. */
    static boolean hasBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    /** Reads the body to its end (or {@link #MAX_DISCARD_BYTES}) and drops it. */
    void drop(Request request, BodyReader.Done then) {
        BodyReader.drop(request, MAX_DISCARD_BYTES, scheduler, timeout, then);
    }

    /** Reads the body once the budget admits it; {@code refused} gets the budget's answer when it does not. */
    void read(Call call, BodyReader.Done then, Consumer<ApiResponse> refused) {
        long weight = BodyBudget.weight(call.request.getLength(), MAX_BODY_BYTES);
        budget.admit(weight, new BodyBudget.Admission() {
            @Override
            public void admitted() {
                call.budgeted = weight;
                BodyReader.read(call.request, MAX_BODY_BYTES, MAX_DISCARD_BYTES, scheduler, timeout, then);
            }

            @Override
            public void refused() {
                refused.accept(budget.refusal());
            }
        });
    }

    /** The answer to a body that could not be read; the connection closes after it. */
    ApiResponse refusal(Call call, BodyReader.Problem problem) {
        call.close = true;
        return switch (problem) {
            case TOO_LARGE -> ApiResponse.error(413, "request body larger than " + MAX_BODY_BYTES + " bytes");
            case MALFORMED -> ApiResponse.error(400, "malformed request body: broken chunked framing, or fewer bytes"
                    + " than its Content-Length");
            case TIMED_OUT -> ApiResponse.error(408, "request body not received within " + timeout.toSeconds() + " s");
        };
    }

    /** The work on the call's body is done: its memory is free for the next large one. */
    void release(Call call) {
        long budgeted = call.budgeted;
        call.budgeted = 0;
        budget.release(budgeted);
    }
}
