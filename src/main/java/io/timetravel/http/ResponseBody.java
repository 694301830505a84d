package io.timetravel.http;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What an {@link ApiResponse} carries after its status and headers: an object written as JSON,
 * bytes sent as they are, a stream written over time, or a file streamed from disk. The
 * {@link ResponseWriter} writes each kind its own way.
 */
public sealed interface ResponseBody {

    /** The Content-Type the body is sent with; {@code null} when it names none. */
    String contentType();

    /**
     * An object written as JSON by {@link HttpJson}: a record, map, list, JSON value, or a body
     * that writes its own JSON ({@link RawJson}); {@code null} sends no body.
     */
    record Json(Object value) implements ResponseBody {
        @Override
        public String contentType() {
            return ApiResponse.JSON;
        }
    }

    /** Bytes sent as they are (metrics text, an older API's own words, nothing at all). */
    record Bytes(byte[] bytes, String contentType) implements ResponseBody {
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /**
     * A body written over time by {@code writer} on a stream thread (chunked, flushed as it
     * goes). The writer is closed whether or not the stream ever runs.
     */
    record Stream(StreamBody writer, String contentType) implements ResponseBody {
        public Stream {
            Objects.requireNonNull(writer, "body");
        }
    }

    /** A file's bytes, streamed from disk as they are sent (never read whole into memory). */
    record File(Path path, String contentType) implements ResponseBody {
        public File {
            Objects.requireNonNull(path, "file");
        }
    }
}
