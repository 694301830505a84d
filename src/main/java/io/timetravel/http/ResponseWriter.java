package io.timetravel.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Writes an answer to Jetty's response, its body by kind: JSON and bytes whole with their length,
 * a file from disk, a stream on a bounded pool of stream threads of its own (so it never holds a
 * worker). Tells the {@link RequestObserver} of each answer once, before the client can see it.
 */
final class ResponseWriter {

    /** Set on a request once its answer has been logged and counted. */
    private static final String OBSERVED = ResponseWriter.class.getName() + ".observed";
    private static final byte[] NO_BODY = new byte[0];
    /** The dispatcher's logger: to whoever reads the log, answering is part of dispatching. */
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final RequestObserver observer;
    private final Executor streamExecutor;

    ResponseWriter(RequestObserver observer, Executor streamExecutor) {
        this.observer = observer;
        this.streamExecutor = streamExecutor;
    }

    /** Whether the answer to {@code request} has been logged and counted (its writing may have failed since). */
    static boolean observed(Request request) {
        return request.getAttribute(OBSERVED) != null;
    }

    /**
     * Writes {@code response}, or hands its stream to a stream thread. False when no stream
     * thread takes it (the server is stopping): its body is closed and nothing was written.
     */
    boolean write(Call call, ApiResponse response) {
        ResponseBody body = response.body();
        if (body instanceof ResponseBody.Stream stream) {
            return startStream(call, response, stream);
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
            if (body instanceof ResponseBody.File file) {
                sendFile(call, file);
            } else if (body instanceof ResponseBody.Bytes bytes) {
                send(call, bytes.bytes(), bytes.contentType());
            } else {
                ResponseBody.Json json = (ResponseBody.Json) body;
                send(call, json.value() == null ? NO_BODY : HttpJson.write(json.value()), json.contentType());
            }
        } catch (IOException | RuntimeException e) {
            // The client went away or the response could not be written: nothing left to tell it.
            LOG.log(System.Logger.Level.DEBUG, "response not delivered: " + e);
            call.callback.failed(e);
        }
        return true;
    }

    /** Sends a body held whole, with its length; no Content-Type when there is nothing to type. */
    private static void send(Call call, byte[] body, String contentType) {
        HttpFields.Mutable headers = call.response.getHeaders();
        if (contentType != null && body.length > 0) {
            headers.put(HttpHeader.CONTENT_TYPE, contentType);
        }
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        boolean noBody = call.head() || body.length == 0;
        call.response.write(true, noBody ? null : ByteBuffer.wrap(body), call.callback);
    }

    /** Streams a file body from disk with its length; the file must not change meanwhile (sealed files). */
    private static void sendFile(Call call, ResponseBody.File file) throws IOException {
        HttpFields.Mutable headers = call.response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, file.contentType());
        long length = Files.size(file.path());
        headers.put(HttpHeader.CONTENT_LENGTH, length);
        if (call.head() || length == 0) {
            call.response.write(true, null, call.callback);
        } else {
            Content.copy(Content.Source.from(file.path()), call.response, call.callback);
        }
    }

    /** Hands a streamed answer to a stream thread; HEAD gets the headers alone. */
    private boolean startStream(Call call, ApiResponse response, ResponseBody.Stream stream) {
        if (call.head()) {
            stream.writer().close();
            observe(call, response.status(), null);
            streamHeaders(call, response, stream);
            call.response.write(true, null, call.callback);
            return true;
        }
        try {
            streamExecutor.execute(() -> runStream(call, response, stream));
            return true;
        } catch (RejectedExecutionException e) {
            stream.writer().close();
            return false;
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
            LOG.log(System.Logger.Level.DEBUG, "stream ended: " + e);
        } catch (InterruptedException e) {
            failure = e;
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Too late for an error status; ending the stream lets the client reconnect and resume.
            failure = e;
            LOG.log(System.Logger.Level.ERROR,
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

    private static void streamHeaders(Call call, ApiResponse response, ResponseBody.Stream stream) {
        call.response.setStatus(response.status());
        HttpFields.Mutable headers = call.response.getHeaders();
        response.headers().forEach(headers::put);
        headers.put(HttpHeader.CONTENT_TYPE, stream.contentType());
        headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
        // Asks buffering proxies (nginx) to pass each event on at once.
        headers.put("X-Accel-Buffering", "no");
    }

    /** Tells the log and metrics of the answer, once per request. */
    private void observe(Call call, int status, String error) {
        call.request.setAttribute(OBSERVED, Boolean.TRUE);
        observer.observe(call.method, call.path, call.route, call.apiVersion, status, System.nanoTime() - call.start, error);
    }
}
