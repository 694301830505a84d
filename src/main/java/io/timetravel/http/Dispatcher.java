package io.timetravel.http;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Turns Jetty's requests into {@link ApiRequest}s and takes each through its steps: the
 * {@link BrowserGuard}, {@link Routing}, the body ({@link BodyIntake}: read without holding a
 * thread, within the body deadline), the {@link RequestChecks}, the handler, and the
 * {@link ResponseDecorator}; the {@link ResponseWriter} writes the answer. It and the classes it
 * hands a request to are the only ones that touch Jetty's requests and responses
 * ({@link ApiServer} sets Jetty up). Jetty's own refusals (a malformed request, headers or a
 * target too large) come through {@link #errors()} and are answered, logged and counted the same way.
 */
final class Dispatcher extends Handler.Abstract {

    /** Most header fields a request may have (431 beyond), as many as the JDK server allowed. */
    static final int MAX_HEADER_FIELDS = 200;
    static final String UNSUPPORTED_CODING = "unsupported Transfer-Encoding: only chunked is accepted";
    private static final byte[] NO_BODY = new byte[0];

    private final BrowserGuard guard;
    private final Routing routing;
    private final BodyIntake bodies;
    private final RequestChecks checks;
    private final ResponseDecorator decorator;
    private final ResponseWriter writer;
    /** Where a handler's late answer is finished: the workers. */
    private final Executor executor;

    Dispatcher(BrowserGuard guard, Routing routing, BodyIntake bodies, RequestChecks checks, ResponseDecorator decorator,
               ResponseWriter writer, Executor executor) {
        this.guard = guard;
        this.routing = routing;
        this.bodies = bodies;
        this.checks = checks;
        this.decorator = decorator;
        this.writer = writer;
        this.executor = executor;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Call call = new Call(request, response, callback, request.getMethod().toUpperCase(Locale.ROOT),
                request.getHttpURI().getPath());
        try {
            dispatch(call);
        } catch (Throwable failure) {
            refuse(call, ErrorMapper.toResponse(failure, call.method, call.path));
        }
        return true;
    }

    private void dispatch(Call call) {
        HttpFields fields = call.request.getHeaders();
        if (fields.size() > MAX_HEADER_FIELDS) {
            refuse(call, ApiResponse.error(431, "more than " + MAX_HEADER_FIELDS + " header fields"));
            return;
        }
        // Before routing, filters and the body: a request refused here reaches no handler, so it
        // changes nothing, and a preflight is answered although no route takes OPTIONS.
        BrowserGuard.Verdict verdict = guard.check(call.method, call.request.getConnectionMetaData().getProtocol(),
                call.request.getHttpURI(), fields);
        verdict.headers().forEach(call.response.getHeaders()::put);
        if (verdict.answer() != null) {
            refuse(call, verdict.answer());
            return;
        }
        List<String> codings = fields.getValuesList(HttpHeader.TRANSFER_ENCODING);
        if (!codings.isEmpty() && !(codings.size() == 1 && "chunked".equalsIgnoreCase(codings.get(0).strip()))) {
            // Jetty takes "gzip, chunked" as chunked and would hand over the body still gzipped.
            refuse(call, ApiResponse.error(400, UNSUPPORTED_CODING));
            return;
        }
        call.path = RequestDecoding.decodePath(call.path);
        Routing.Outcome routed = routing.route(call);
        if (routed.refusal() != null) {
            refuse(call, routed.refusal());
        } else if (!BodyIntake.hasBody(call.request)) {
            serve(call, routed.found(), NO_BODY);
        } else {
            readBody(call, routed.found());
        }
    }

    /** Reads the body within the budget and the deadline, then serves the call. */
    private void readBody(Call call, Router.Found found) {
        BodyReader.Done then = (body, problem) -> {
            if (problem != null) {
                finish(call, bodies.refusal(call, problem));
            } else {
                serve(call, found, body == null ? NO_BODY : body);
            }
        };
        if ("GET".equals(call.method) || "HEAD".equals(call.method)) {
            // A body means nothing to a read; it is dropped so that the connection can carry the next request.
            bodies.drop(call.request, then);
            return;
        }
        bodies.read(call, then, refusal -> refuse(call, refusal));
    }

    /**
     * Answers {@code answer} once the request's body, if it has one, is read and dropped: Jetty
     * closes a connection whose request body was left unread, and a keep-alive client that sent
     * its next request on it would lose that one, or see a reset instead of this answer.
     */
    private void refuse(Call call, ApiResponse answer) {
        if (!BodyIntake.hasBody(call.request)) {
            finish(call, answer);
            return;
        }
        bodies.drop(call.request, (body, problem) -> {
            call.close = problem != null;
            finish(call, answer);
        });
    }

    /** The checks, then the handler; the answer is written when it is ready. */
    private void serve(Call call, Router.Found found, byte[] body) {
        try {
            Route route = found.route();
            ApiRequest request = new ApiRequest(call.method, call.path, found.variables(),
                    RequestDecoding.parseQuery(call.request.getHttpURI().getQuery()),
                    RequestDecoding.headers(call.request.getHeaders()), body, route.apiVersion(), null);
            AccessGate.Identified checked = checks.check(route, request);
            if (checked.refusal() != null) {
                finish(call, checked.refusal());
                return;
            }
            CompletableFuture<ApiResponse> future = route.handler().handle(checked.request()).toCompletableFuture();
            if (future.isDone()) {
                finish(call, resolve(future, call.method, call.path));
            } else {
                future.whenCompleteAsync((response, failure) -> finish(call,
                        failure != null ? ErrorMapper.toResponse(failure, call.method, call.path) : response), executor);
            }
        } catch (Throwable failure) {
            finish(call, ErrorMapper.toResponse(failure, call.method, call.path));
        }
    }

    private static ApiResponse resolve(CompletableFuture<ApiResponse> future, String method, String path) {
        try {
            return future.join();
        } catch (RuntimeException failure) {
            return ErrorMapper.toResponse(failure, method, path);
        }
    }

    /** Gives back the body's budget, decorates the answer, then has it written (or streamed). */
    private void finish(Call call, ApiResponse response) {
        bodies.release(call);
        if (response.apiVersion() != null) {
            // An unversioned path names the version it resolved to only in its answer.
            call.apiVersion = response.apiVersion();
        }
        if (response.body() instanceof ResponseBody.File file && !Files.isRegularFile(file.path())) {
            // Deleted between the handler's check and now (an expired snapshot, say).
            response = ApiResponse.error(410, "the file is no longer available");
        }
        try {
            response = decorator.decorate(call.path, call.apiVersion, response);
        } catch (RuntimeException e) {
            // Headers that could not be added must not cost the client its answer.
            System.getLogger(Dispatcher.class.getName()).log(System.Logger.Level.ERROR, "response decorator failed: " + e, e);
        }
        if (!writer.write(call, response)) {
            // No stream thread took it: the service bounds open streams to the pool's size, so this
            // happens only while the server is stopping; answer as for any stream over the limit.
            finish(call, ApiResponse.error(503, "no event stream can be opened now; retry later").header("Retry-After", "5"));
        }
    }

    /**
     * Answers what Jetty refuses before a request reaches {@link #handle}: a malformed request line
     * or header, headers or a target too large, broken framing. Always JSON, never a 5xx (the
     * client sent it), logged and counted like every answer.
     */
    Request.Handler errors() {
        return (request, response, callback) -> {
            if (ResponseWriter.observed(request)) {
                // Answered already, then its writing failed (the client went away): nothing left to say.
                callback.succeeded();
                return true;
            }
            Object status = request.getAttribute(ErrorHandler.ERROR_STATUS);
            Throwable cause = (Throwable) request.getAttribute(ErrorHandler.ERROR_EXCEPTION);
            String message = (String) request.getAttribute(ErrorHandler.ERROR_MESSAGE);
            String method = request.getMethod();
            String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
            if (JettyErrors.unparsed(method, path)) {
                method = "-";
                path = "-";
            }
            Call call = new Call(request, response, callback, method, path == null ? "-" : path);
            call.close = true;
            ApiResponse answer;
            if (cause instanceof HttpException || cause == null) {
                answer = JettyErrors.refusal(status instanceof Integer code ? code : 400, message);
            } else if (cause instanceof TimeoutException || cause instanceof EofException) {
                answer = ApiResponse.error(400, "the request could not be read whole");
            } else {
                answer = ErrorMapper.toResponse(cause, call.method, call.path);
            }
            finish(call, answer);
            return true;
        };
    }
}
