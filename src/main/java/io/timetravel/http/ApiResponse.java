package io.timetravel.http;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response before it is written: a status, extra headers, and a body that is either an object
 * to serialize as JSON, raw bytes with their content type, a stream written over time, or a
 * file streamed from disk.
 */
public final class ApiResponse {

    public static final String JSON = "application/json; charset=utf-8";
    public static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private final int status;
    private final Object body;
    private final byte[] raw;
    private final String contentType;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final String error;
    private final StreamBody stream;
    private final Path file;
    private String apiVersion;

    private ApiResponse(int status, Object body, byte[] raw, String contentType, String error) {
        this(status, body, raw, contentType, error, null, null);
    }

    private ApiResponse(int status, Object body, byte[] raw, String contentType, String error, StreamBody stream,
                        Path file) {
        this.status = status;
        this.body = body;
        this.raw = raw;
        this.contentType = contentType;
        this.error = error;
        this.stream = stream;
        this.file = file;
    }

    /** A JSON response of {@code body} (a record, map, list or JSON value). */
    public static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, body, null, JSON, null);
    }

    public static ApiResponse ok(Object body) {
        return json(200, body);
    }

    /** {@code {"error": message}} with a 4xx or 5xx status. */
    public static ApiResponse error(int status, String message) {
        return new ApiResponse(status, new ErrorBody(message), null, JSON, message);
    }

    /**
     * An error whose body is not the JSON one: an older API's own words ({@code 404 page not
     * found}); {@code message} is what the log says of it.
     */
    public static ApiResponse error(int status, String message, byte[] raw, String contentType) {
        return new ApiResponse(status, null, raw, contentType, message);
    }

    public static ApiResponse bytes(int status, byte[] raw, String contentType) {
        return new ApiResponse(status, null, raw, contentType, null);
    }

    /**
     * A 200 whose body is written over time by {@code body} on a stream thread (chunked, flushed
     * as it goes). The dispatcher closes {@code body} whether or not the stream ever runs.
     */
    public static ApiResponse stream(String contentType, StreamBody body) {
        return new ApiResponse(200, null, null, contentType, null, java.util.Objects.requireNonNull(body, "body"), null);
    }

    public ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /**
     * Says which API version actually answered, when the route cannot know it in advance (an
     * unversioned path served by the version it resolved to); logs and metrics then name it.
     */
    public ApiResponse apiVersion(String version) {
        this.apiVersion = version;
        return this;
    }

    /** The API version that answered, when the handler said so; else {@code null} (the route's own). */
    public String apiVersion() {
        return apiVersion;
    }

    public int status() {
        return status;
    }

    /** The object to serialize, or {@code null} for raw or empty bodies. */
    public Object body() {
        return body;
    }

    public byte[] raw() {
        return raw;
    }

    /** 200 with a file's bytes, streamed from disk as they are sent (never read whole into memory). */
    public static ApiResponse file(Path file, String contentType) {
        return new ApiResponse(200, null, null, contentType, null, null, java.util.Objects.requireNonNull(file, "file"));
    }

    /** The file to stream as the body, or {@code null}. */
    public Path file() {
        return file;
    }

    /** The body of a streamed response, or {@code null}. */
    public StreamBody stream() {
        return stream;
    }

    public String contentType() {
        return contentType;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The error message of an error response, for the log; {@code null} otherwise. */
    public String error() {
        return error;
    }

    /**
     * A copy with another status and body, keeping the headers (not for streamed responses: their
     * body would be lost unclosed).
     */
    public ApiResponse withBody(int newStatus, Object newBody) {
        ApiResponse copy = new ApiResponse(newStatus, newBody, null, JSON,
                newBody instanceof ErrorBody errorBody ? errorBody.error() : null);
        copy.headers.putAll(headers);
        copy.apiVersion = apiVersion;
        return copy;
    }

    /** The error body every failure uses. */
    public record ErrorBody(String error) {
    }
}
