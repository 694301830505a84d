package io.timetravel.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers one route. Handlers are thin: validate, call a service, map to a body. A handler may
 * answer later (writes complete when the writer commits) without holding a thread meanwhile.
 */
@FunctionalInterface
public interface Handler {

    CompletionStage<ApiResponse> handle(ApiRequest request);

    /** A handler that answers at once. */
    static Handler sync(SyncHandler handler) {
        return request -> CompletableFuture.completedFuture(handler.handle(request));
    }

    /** The body of a handler that answers at once. */
    @FunctionalInterface
    interface SyncHandler {
        ApiResponse handle(ApiRequest request);
    }
}
