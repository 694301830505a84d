package io.timetravel.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Turns Jetty's requests into {@link ApiRequest}s, routes the ones its {@link BrowserGuard} lets
 * through, runs filters and handlers, and writes the answers: the only class that touches a
 * request or a response ({@link ApiServer} sets Jetty up). Bodies are read without holding a
 * thread and within the body deadline; streamed answers (server-sent events) run on their own
 * bounded pool of stream threads, so they never hold a worker. Jetty's own refusals (a malformed
 * request, headers or a target too large) come through {@link #errors()} and are answered,
 * logged and counted the same way.
 */
final class Dispatcher extends Handler.Abstract {

    /** Largest request body accepted; larger ones get 413. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /** How much of a too-large body is read and dropped so that the 413 reaches the client rather than a reset. */
    static final long MAX_DISCARD_BYTES = 16L * 1024 * 1024;
    /** Most header fields a request may have (431 beyond), as many as the JDK server allowed. */
    static final int MAX_HEADER_FIELDS = 200;
    static final String UNSUPPORTED_CODING = "unsupported Transfer-Encoding: only chunked is accepted";
    private static final String UNMATCHED = "unmatched";
    /** Set on a request once its answer has been logged and counted. */
    private static final String OBSERVED = Dispatcher.class.getName() + ".observed";
    private static final byte[] NO_BODY = new byte[0];

    private final BrowserGuard guard;
    private final Router router;
    private final List<RequestFilter> filters;
    private final RequestObserver observer;
    private final ResponseDecorator decorator;
    private final AccessGate accessGate;
    private final List<Unrouted> unrouted;
    private final Executor executor;
    private final Executor streamExecutor;
    private final Scheduler scheduler;
    private final Duration bodyTimeout;
    private final BodyBudget bodyBudget;

    Dispatcher(BrowserGuard guard, Router router, List<RequestFilter> filters, AccessGate accessGate, RequestObserver observer,
               ResponseDecorator decorator, List<Unrouted> unrouted, Executor executor, Executor streamExecutor,
               Scheduler scheduler, Duration bodyTimeout, BodyBudget bodyBudget) {
        this.guard = guard;
        this.router = router;
        this.accessGate = accessGate;
        this.filters = List.copyOf(filters);
        this.observer = observer;
        this.decorator = decorator;
        this.unrouted = List.copyOf(unrouted);
        this.executor = executor;
        this.streamExecutor = streamExecutor;
        this.scheduler = scheduler;
        this.bodyTimeout = bodyTimeout;
        this.bodyBudget = bodyBudget;
    }

    /** One request on its way through: where its answer goes and what the log and metrics say of it. */
    private static final class Call {
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
        call.path = decodePath(call.path);
        Unrouted answers = unroutedFor(call.path);
        Router.Result result = answers.routable(call.path) ? router.route(call.method, call.path) : new Router.NotFound();
        if (result instanceof Router.NotFound) {
            refuse(call, answers.notFound());
            return;
        }
        if (result instanceof Router.MethodNotAllowed notAllowed) {
            call.route = notAllowed.template();
            call.apiVersion = versionOf(notAllowed.template());
            refuse(call, answers.methodNotAllowed(notAllowed.allowed()));
            return;
        }
        Router.Found found = (Router.Found) result;
        call.route = found.route().template();
        call.apiVersion = found.route().apiVersion();
        if (!hasBody(call.request)) {
            serve(call, found, NO_BODY);
            return;
        }
        BodyReader.Done then = (body, problem) -> {
            if (problem != null) {
                finish(call, bodyRefusal(call, problem));
            } else {
                serve(call, found, body == null ? NO_BODY : body);
            }
        };
        if ("GET".equals(call.method) || "HEAD".equals(call.method)) {
            // A body means nothing to a read; it is dropped so that the connection can carry the next request.
            BodyReader.drop(call.request, MAX_DISCARD_BYTES, scheduler, bodyTimeout, then);
            return;
        }
        long weight = BodyBudget.weight(call.request.getLength(), MAX_BODY_BYTES);
        bodyBudget.admit(weight, new BodyBudget.Admission() {
            @Override
            public void admitted() {
                call.budgeted = weight;
                BodyReader.read(call.request, MAX_BODY_BYTES, MAX_DISCARD_BYTES, scheduler, bodyTimeout, then);
            }

            @Override
            public void refused() {
                refuse(call, bodyBudget.refusal());
            }
        });
    }

    /**
     * Answers {@code answer} once the request's body, if it has one, is read and dropped: Jetty
     * closes a connection whose request body was left unread, and a keep-alive client that sent
     * its next request on it would lose that one, or see a reset instead of this answer.
     */
    private void refuse(Call call, ApiResponse answer) {
        if (!hasBody(call.request)) {
            finish(call, answer);
            return;
        }
        BodyReader.drop(call.request, MAX_DISCARD_BYTES, scheduler, bodyTimeout, (body, problem) -> {
            call.close = problem != null;
            finish(call, answer);
        });
    }

    /** Whether the request has a body: a Content-Length above 0, or a (chunked) Transfer-Encoding. */
    private static boolean hasBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    private ApiResponse bodyRefusal(Call call, BodyReader.Problem problem) {
        call.close = true;
        return switch (problem) {
            case TOO_LARGE -> ApiResponse.error(413, "request body larger than " + MAX_BODY_BYTES + " bytes");
            case MALFORMED -> ApiResponse.error(400, "malformed request body: broken chunked framing, or fewer bytes"
                    + " than its Content-Length");
            case TIMED_OUT -> ApiResponse.error(408, "request body not received within " + bodyTimeout.toSeconds() + " s");
        };
    }

    private Unrouted unroutedFor(String path) {
        for (Unrouted answers : unrouted) {
            if (answers.covers(path)) {
                return answers;
            }
        }
        return Unrouted.JSON;
    }

    /** Identity, filters and role, then the handler; the answer is written when it is ready. */
    private void serve(Call call, Router.Found found, byte[] body) {
        try {
            Route route = found.route();
            ApiRequest request = new ApiRequest(call.method, call.path, found.variables(),
                    parseQuery(call.request.getHttpURI().getQuery()), headers(call.request.getHeaders()), body,
                    route.apiVersion(), null);
            // Identity first (401 before anything else), then the filters: a switched-off API answers
            // the same to every authenticated caller, whether or not it named itself; then the role.
            AccessGate.Identified identified = accessGate.identify(route, request);
            ApiResponse early = identified.refusal();
            request = identified.request();
            for (int i = 0; early == null && i < filters.size(); i++) {
                early = filters.get(i).check(route, request);
            }
            if (early == null) {
                early = accessGate.authorize(route, request);
            }
            if (early != null) {
                finish(call, early);
                return;
            }
            CompletableFuture<ApiResponse> future = route.handler().handle(request).toCompletableFuture();
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

    /** Decorates, logs and counts the answer, then writes it (or hands a stream to a stream thread). */
    private void finish(Call call, ApiResponse response) {
        // The work on the body is done: its memory is free for the next large one.
        long budgeted = call.budgeted;
        call.budgeted = 0;
        bodyBudget.release(budgeted);
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
        if (response.body() instanceof ResponseBody.Stream stream) {
            startStream(call, response, stream);
            return;
        }
        // Told before the answer is written: once a client has it, the log and metrics show it.
        observe(call, response.status(), response.error());
        try {
            Response out = call.response;
            out.setStatus(response.status());
            HttpFields.Mutable headers = out.getHeaders();
            response.headers().forEach(headers::put);
            if (call.close) {
                // The body was left partly unread: say so, or a keep-alive client would reuse the connection.
                headers.put(HttpHeader.CONNECTION, "close");
            }
            if (response.body() instanceof ResponseBody.File file) {
                sendFile(call, file);
                return;
            }
            byte[] body = bodyBytes(response.body());
            if (response.body().contentType() != null && body.length > 0) {
                headers.put(HttpHeader.CONTENT_TYPE, response.body().contentType());
            }
            headers.put(HttpHeader.CONTENT_LENGTH, body.length);
            boolean noBody = "HEAD".equals(call.method) || body.length == 0;
            out.write(true, noBody ? null : ByteBuffer.wrap(body), call.callback);
        } catch (IOException | RuntimeException e) {
            // The client went away or the response could not be written: nothing left to tell it.
            System.getLogger(Dispatcher.class.getName()).log(System.Logger.Level.DEBUG, "response not delivered: " + e);
            call.callback.failed(e);
        }
    }

    /** Streams a file body from disk with its length; the file must not change meanwhile (sealed files). */
    private static void sendFile(Call call, ResponseBody.File file) throws IOException {
        HttpFields.Mutable headers = call.response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, file.contentType());
        long length = Files.size(file.path());
        headers.put(HttpHeader.CONTENT_LENGTH, length);
        if ("HEAD".equals(call.method) || length == 0) {
            call.response.write(true, null, call.callback);
        } else {
            Content.copy(Content.Source.from(file.path()), call.response, call.callback);
        }
    }

    /** Hands a streamed answer to a stream thread; HEAD gets the headers alone. */
    private void startStream(Call call, ApiResponse response, ResponseBody.Stream stream) {
        StreamBody body = stream.writer();
        if ("HEAD".equals(call.method)) {
            body.close();
            observe(call, response.status(), null);
            streamHeaders(call, response, stream);
            call.response.write(true, null, call.callback);
            return;
        }
        try {
            streamExecutor.execute(() -> runStream(call, response, stream));
        } catch (RejectedExecutionException e) {
            // The service bounds open streams to the pool's size, so this happens only while the
            // server is stopping; answer as for any stream over the limit.
            body.close();
            finish(call, ApiResponse.error(503, "no event stream can be opened now; retry later").header("Retry-After", "5"));
        }
    }

    /** On a stream thread: the headers, then the body as the stream writes it, until it ends. */
    private void runStream(Call call, ApiResponse response, ResponseBody.Stream stream) {
        StreamBody body = stream.writer();
        Throwable failure = null;
        try {
            streamHeaders(call, response, stream);
            // Observed when the stream starts, not when it ends: the request log then shows an open
            // stream at once (one line per request still), and durations measure the time to answer
            // rather than how long a client stayed connected.
            observe(call, response.status(), null);
            try (OutputStream out = Content.Sink.asOutputStream(call.response)) {
                out.flush();
                body.writeTo(out);
            }
        } catch (IOException e) {
            // The client went away, stopped reading past the idle timeout, or the server is stopping.
            failure = e;
            System.getLogger(Dispatcher.class.getName()).log(System.Logger.Level.DEBUG, "stream ended: " + e);
        } catch (InterruptedException e) {
            failure = e;
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Too late for an error status; ending the stream lets the client reconnect and resume.
            failure = e;
            System.getLogger(Dispatcher.class.getName()).log(System.Logger.Level.ERROR,
                    "stream " + call.method + " " + LogText.path(call.path) + " failed: " + e, e);
        } finally {
            body.close();
            if (failure == null) {
                call.callback.succeeded();
            } else {
                call.callback.failed(failure);
            }
        }
    }

    /** Tells the log and metrics of the answer, once per request. */
    private void observe(Call call, int status, String error) {
        call.request.setAttribute(OBSERVED, Boolean.TRUE);
        observer.observe(call.method, call.path, call.route, call.apiVersion, status, System.nanoTime() - call.start, error);
    }

    private static void streamHeaders(Call call, ApiResponse response, ResponseBody.Stream stream) {
        call.response.setStatus(response.status());
        HttpFields.Mutable headers = call.response.getHeaders();
        response.headers().forEach(headers::put);
        headers.put(HttpHeader.CONTENT_TYPE, stream.contentType());
        headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
        // Asks buffering proxies (nginx) to pass each event on at once.
        headers.put("X-Accel-Buffering", "no");
    }

    /**
     * Answers what Jetty refuses before a request reaches {@link #handle}: a malformed request line
     * or header, headers or a target too large, broken framing. Always JSON, never a 5xx (the
     * client sent it), logged and counted like every answer.
     */
    Request.Handler errors() {
        return (request, response, callback) -> {
            if (request.getAttribute(OBSERVED) != null) {
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

    private static byte[] bodyBytes(ResponseBody body) {
        if (body instanceof ResponseBody.Bytes bytes) {
            return bytes.bytes();
        }
        Object value = ((ResponseBody.Json) body).value();
        return value == null ? NO_BODY : HttpJson.write(value);
    }

    private static String versionOf(String template) {
        if (template.startsWith("/api/v1/")) {
            return "v1";
        }
        return template.startsWith("/api/v2/") ? "v2" : "none";
    }

    /** Header values by name, the first of each name. */
    private static Map<String, String> headers(HttpFields fields) {
        Map<String, String> values = new HashMap<>(fields.size() * 2);
        for (HttpField field : fields) {
            values.putIfAbsent(field.getName(), field.getValue());
        }
        return values;
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
