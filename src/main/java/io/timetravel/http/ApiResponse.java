package io.timetravel.http;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response before it is written: a status, extra headers, and one {@link ResponseBody} (an
 * object to serialize as JSON, bytes with their content type, a stream written over time, or a
 * file streamed from disk).
 */
public final class ApiResponse {

    public static final String JSON = "application/json; charset=utf-8";
    public static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private final int status;
    private final ResponseBody body;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final String error;
    private String apiVersion;

    private ApiResponse(int status, ResponseBody body, String error) {
        this.status = status;
        this.body = body;
        this.error = error;
    }

    /** A JSON response of {@code body} (a record, map, list or JSON value). */
    public static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, new ResponseBody.Json(body), null);
    }

    public static ApiResponse ok(Object body) {
        return json(200, body);
    }

    /** {@code {"error": message}} with a 4xx or 5xx status. */
    public static ApiResponse error(int status, String message) {
        return new ApiResponse(status, new ResponseBody.Json(new ErrorBody(message)), message);
    }

    /**
     * An error whose body is not the JSON one: an older API's own words ({@code 404 page not
     * found}); {@code message} is what the log says of it.
     */
    public static ApiResponse error(int status, String message, byte[] raw, String contentType) {
        return new ApiResponse(status, new ResponseBody.Bytes(raw, contentType), message);
    }

    public static ApiResponse bytes(int status, byte[] raw, String contentType) {
        return new ApiResponse(status, new ResponseBody.Bytes(raw, contentType), null);
    }

    /**
     * A 200 whose body is written over time by {@code body} on a stream thread (chunked, flushed
     * as it goes). The dispatcher closes {@code body} whether or not the stream ever runs.
     */
    public static ApiResponse stream(String contentType, StreamBody body) {
        return new ApiResponse(200, new ResponseBody.Stream(body, contentType), null);
    }

    /** 200 with a file's bytes, streamed from disk as they are sent (never read whole into memory). */
    public static ApiResponse file(Path file, String contentType) {
        return new ApiResponse(200, new ResponseBody.File(file, contentType), null);
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

    /** What the response carries; {@link ResponseWriter} writes it by its kind. */
    public ResponseBody body() {
        return body;
    }

    /** The object a JSON body serializes; {@code null} for the other kinds of body. */
    public Object json() {
        return body instanceof ResponseBody.Json json ? json.value() : null;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The error message of an error response, for the log; {@code null} otherwise. */
    public String error() {
        return error;
    }

    /**
     * A copy with another status and JSON body, keeping the headers (not for streamed responses:
     * their body would be lost unclosed).
     */
    public ApiResponse withBody(int newStatus, Object newBody) {
        ApiResponse copy = new ApiResponse(newStatus, new ResponseBody.Json(newBody),
                newBody instanceof ErrorBody errorBody ? errorBody.error() : null);
        copy.headers.putAll(headers);
        copy.apiVersion = apiVersion;
        return copy;
    }

    /** The error body every failure uses. */
    public record ErrorBody(String error) {
    }
}
