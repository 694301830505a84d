package io.timetravel.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Turns exchanges into {@link ApiRequest}s, routes the ones its {@link BrowserGuard} lets through,
 * runs filters and handlers, and writes the answers: the only class that touches {@link HttpExchange}.
 * Streamed answers (server-sent events) are handed to their own bounded pool of stream threads, so
 * they never hold a worker.
 */
final class Dispatcher implements HttpHandler {

    /** Largest request body accepted; larger ones get 413 (see {@link #tooLarge(InputStream)}). */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /** How much of a too-large body is read and dropped so that the 413 reaches the client. */
    private static final long MAX_DISCARD_BYTES = 16L * 1024 * 1024;
    private static final String UNMATCHED = "unmatched";

    private final BrowserGuard guard;
    private final Router router;
    private final List<RequestFilter> filters;
    private final RequestObserver observer;
    private final ResponseDecorator decorator;
    private final AccessGate accessGate;
    private final Executor executor;
    private final Executor streamExecutor;

    Dispatcher(BrowserGuard guard, Router router, List<RequestFilter> filters, AccessGate accessGate, RequestObserver observer,
               ResponseDecorator decorator, Executor executor, Executor streamExecutor) {
        this.guard = guard;
        this.router = router;
        this.accessGate = accessGate;
        this.filters = List.copyOf(filters);
        this.observer = observer;
        this.decorator = decorator;
        this.executor = executor;
        this.streamExecutor = streamExecutor;
    }

    @Override
    public void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        String path = rawPath;
        String routeLabel = UNMATCHED;
        String apiVersion = "none";
        try {
            // Before routing, filters and the body: a request refused here reaches no handler, so it
            // changes nothing, and a preflight is answered although no route takes OPTIONS.
            BrowserGuard.Verdict verdict = guard.check(method, exchange.getProtocol(), exchange.getRequestURI(),
                    exchange.getRequestHeaders());
            verdict.headers().forEach(exchange.getResponseHeaders()::set);
            if (verdict.answer() != null) {
                discard(exchange.getRequestBody());
                finish(exchange, start, method, path, routeLabel, apiVersion, verdict.answer());
                return;
            }
            path = decodePath(rawPath);
            Router.Result result = router.route(method, path);
            if (result instanceof Router.NotFound) {
                finish(exchange, start, method, path, routeLabel, apiVersion, ApiResponse.error(404, "not found"));
                return;
            }
            if (result instanceof Router.MethodNotAllowed notAllowed) {
                ApiResponse response = ApiResponse.error(405, "method not allowed")
                        .header("Allow", String.join(", ", notAllowed.allowed()));
                finish(exchange, start, method, path, notAllowed.template(), versionOf(notAllowed.template()), response);
                return;
            }
            Router.Found found = (Router.Found) result;
            Route route = found.route();
            routeLabel = route.template();
            apiVersion = route.apiVersion();
            ApiRequest request = new ApiRequest(method, path, found.variables(), parseQuery(exchange.getRequestURI().getRawQuery()),
                    headers(exchange.getRequestHeaders()), readBody(exchange, method), route.apiVersion(), null);
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
                finish(exchange, start, method, path, routeLabel, apiVersion, early);
                return;
            }
            CompletionStage<ApiResponse> answer = route.handler().handle(request);
            String finalPath = path;
            String finalRoute = routeLabel;
            String finalVersion = apiVersion;
            CompletableFuture<ApiResponse> future = answer.toCompletableFuture();
            if (future.isDone()) {
                finish(exchange, start, method, path, routeLabel, apiVersion, resolve(future, method, path));
            } else {
                future.whenCompleteAsync((response, failure) -> finish(exchange, start, method, finalPath, finalRoute, finalVersion,
                        failure != null ? ErrorMapper.toResponse(failure, method, finalPath) : response), executor);
            }
        } catch (Throwable failure) {
            finish(exchange, start, method, path, routeLabel, apiVersion, ErrorMapper.toResponse(failure, method, path));
        }
    }

    /** Hands a streamed answer to a stream thread; HEAD gets the headers alone. */
    private void startStream(HttpExchange exchange, long start, String method, String path, String route, String apiVersion,
                             ApiResponse response) {
        StreamBody body = response.stream();
        if ("HEAD".equals(method)) {
            body.close();
            try {
                streamHeaders(exchange, response);
                exchange.sendResponseHeaders(response.status(), -1);
            } catch (IOException | RuntimeException e) {
                System.getLogger(Dispatcher.class.getName()).log(System.Logger.Level.DEBUG, "response not delivered: " + e);
            } finally {
                exchange.close();
                observer.observe(method, path, route, apiVersion, response.status(), System.nanoTime() - start, null);
            }
            return;
        }
        try {
            streamExecutor.execute(() -> runStream(exchange, start, method, path, route, apiVersion, response));
        } catch (RejectedExecutionException e) {
            // The service bounds open streams to the pool's size, so this happens only while the
            // server is stopping; answer as for any stream over the limit.
            body.close();
            finish(exchange, start, method, path, route, apiVersion,
                    ApiResponse.error(503, "no event stream can be opened now; retry later").header("Retry-After", "5"));
        }
    }

    /** On a stream thread: the headers, then the body as the stream writes it, until it ends. */
    private void runStream(HttpExchange exchange, long start, String method, String path, String route, String apiVersion,
                           ApiResponse response) {
        StreamBody body = response.stream();
        boolean observed = false;
        try {
            streamHeaders(exchange, response);
            exchange.sendResponseHeaders(response.status(), 0);
            // Observed when the stream starts, not when it ends: the request log then shows an open
            // stream at once (one line per request still), and durations measure the time to answer
            // rather than how long a client stayed connected.
            observer.observe(method, path, route, apiVersion, response.status(), System.nanoTime() - start, null);
            observed = true;
            try (OutputStream out = exchange.getResponseBody()) {
                out.flush();
                body.writeTo(out);
            }
        } catch (IOException e) {
            // The client went away (or the server is stopping): the stream is over.
            System.getLogger(Dispatcher.class.getName()).log(System.Logger.Level.DEBUG, "stream ended: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Too late for an error status; ending the stream lets the client reconnect and resume.
            System.getLogger(Dispatcher.class.getName()).log(System.Logger.Level.ERROR,
                    "stream " + method + " " + path + " failed: " + e, e);
        } finally {
            body.close();
            exchange.close();
            if (!observed) {
                observer.observe(method, path, route, apiVersion, response.status(), System.nanoTime() - start, null);
            }
        }
    }

    private static void streamHeaders(HttpExchange exchange, ApiResponse response) {
        Headers headers = exchange.getResponseHeaders();
        response.headers().forEach(headers::set);
        headers.set("Content-Type", response.contentType());
        headers.set("Cache-Control", "no-cache");
        // Asks buffering proxies (nginx) to pass each event on at once.
        headers.set("X-Accel-Buffering", "no");
    }

    private static ApiResponse resolve(CompletableFuture<ApiResponse> future, String method, String path) {
        try {
            return future.join();
        } catch (RuntimeException failure) {
            return ErrorMapper.toResponse(failure, method, path);
        }
    }

    private void finish(HttpExchange exchange, long start, String method, String path, String route, String apiVersion,
                        ApiResponse response) {
        if (response.apiVersion() != null) {
            // An unversioned path names the version it resolved to only in its answer.
            apiVersion = response.apiVersion();
        }
        if (response.file() != null && !Files.isRegularFile(response.file())) {
            // Deleted between the handler's check and now (an expired snapshot, say).
            response = ApiResponse.error(410, "the file is no longer available");
        }
        try {
            response = decorator.decorate(path, apiVersion, response);
        } catch (RuntimeException e) {
            // Headers that could not be added must not cost the client its answer.
            System.getLogger(Dispatcher.class.getName()).log(System.Logger.Level.ERROR, "response decorator failed: " + e, e);
        }
        if (response.stream() != null) {
            startStream(exchange, start, method, path, route, apiVersion, response);
            return;
        }
        int status = response.status();
        try {
            if (response.file() != null) {
                sendFile(exchange, method, response);
                return;
            }
            byte[] body = bodyBytes(response);
            Headers headers = exchange.getResponseHeaders();
            response.headers().forEach(headers::set);
            if (status == 413) {
                // The body may be left partly unread, and then the server drops the connection after
                // answering: say so, or a keep-alive client reuses it and its next request is reset.
                headers.set("Connection", "close");
            }
            if (response.contentType() != null && body.length > 0) {
                headers.set("Content-Type", response.contentType());
            }
            boolean noBody = "HEAD".equals(method) || body.length == 0;
            exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client went away or the response could not be written: nothing left to tell it.
            System.getLogger(Dispatcher.class.getName()).log(System.Logger.Level.DEBUG, "response not delivered: " + e);
        } finally {
            exchange.close();
            observer.observe(method, path, route, apiVersion, status, System.nanoTime() - start, response.error());
        }
    }

    /** Streams a file body from disk with its length; the file must not change meanwhile (sealed files). */
    private static void sendFile(HttpExchange exchange, String method, ApiResponse response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        response.headers().forEach(headers::set);
        headers.set("Content-Type", response.contentType());
        long length = Files.size(response.file());
        boolean noBody = "HEAD".equals(method) || length == 0;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(response.file(), out);
            }
        }
    }

    private static byte[] bodyBytes(ApiResponse response) {
        if (response.raw() != null) {
            return response.raw();
        }
        Object body = response.body();
        if (body instanceof RawJson raw) {
            StringBuilder out = new StringBuilder(512);
            raw.writeJson(out);
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }
        return body == null ? new byte[0] : HttpJson.write(body);
    }

    private static String versionOf(String template) {
        if (template.startsWith("/api/v1/")) {
            return "v1";
        }
        return template.startsWith("/api/v2/") ? "v2" : "none";
    }

    private static byte[] readBody(HttpExchange exchange, String method) throws IOException {
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return new byte[0];
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid Content-Length header");
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            if (declared > MAX_BODY_BYTES) {
                throw tooLarge(in);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int total = 0;
            int read;
            while ((read = in.read(buffer)) >= 0) {
                total += read;
                if (total > MAX_BODY_BYTES) {
                    throw tooLarge(in);
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        }
    }

    /** The 413 for a body over the limit, after dropping what is left of it (see {@link #discard}). */
    private static ApiException tooLarge(InputStream in) {
        discard(in);
        return tooLarge();
    }

    /**
     * Reads and drops what is left of a request body (up to {@link #MAX_DISCARD_BYTES}) before an
     * early answer: closing a connection with unread input makes the kernel reset it, and the client
     * would then lose the answer too.
     */
    private static void discard(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        long discarded = 0;
        try {
            int read;
            while (discarded < MAX_DISCARD_BYTES && (read = in.read(buffer)) >= 0) {
                discarded += read;
            }
        } catch (IOException e) {
            // The client stopped sending: nothing more to drop.
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "request body larger than " + MAX_BODY_BYTES + " bytes");
    }

    private static Map<String, String> headers(Headers headers) {
        Map<String, String> values = new HashMap<>();
        headers.forEach((name, list) -> {
            if (!list.isEmpty()) {
                values.put(name, list.get(0));
            }
        });
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
