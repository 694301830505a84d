package io.timetravel.http.versioning;

import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.ErrorMapper;
import io.timetravel.http.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Serves an older API version's endpoint with the latest version's handler: the request goes
 * forward through each {@link VersionChange} from the older version up to the latest, the
 * answer back through the same changes in reverse. Only the latest version has handlers.
 */
public final class TransformerChain {

    private final VersionRegistry registry;
    private final List<VersionChange> changes;
    private final Map<Endpoint, Handler> latestHandlers;

    /**
     * @param changes        one per pair of adjacent versions, oldest first
     * @param latestHandlers the latest version's handlers by endpoint
     */
    public TransformerChain(VersionRegistry registry, List<VersionChange> changes, Map<Endpoint, Handler> latestHandlers) {
        List<ApiVersion> versions = registry.versions();
        if (changes.size() != versions.size() - 1) {
            throw new IllegalArgumentException("need one change per pair of adjacent versions: " + (versions.size() - 1)
                    + ", got " + changes.size());
        }
        for (int i = 0; i < changes.size(); i++) {
            VersionChange change = changes.get(i);
            if (!change.from().equals(versions.get(i).name()) || !change.to().equals(versions.get(i + 1).name())) {
                throw new IllegalArgumentException("change " + change.from() + "->" + change.to() + " is not between "
                        + versions.get(i).name() + " and " + versions.get(i + 1).name());
            }
        }
        this.registry = registry;
        this.changes = List.copyOf(changes);
        this.latestHandlers = Map.copyOf(latestHandlers);
    }

    /** The handler of {@code endpoint} in {@code version}, or empty when that version does not have it. */
    public Optional<Handler> handler(ApiVersion version, Endpoint endpoint) {
        int first = registry.versions().indexOf(version);
        if (first < 0) {
            throw new IllegalArgumentException("unknown version " + version.name());
        }
        Handler latest = latestHandlers.get(endpoint);
        if (latest == null) {
            return Optional.empty();
        }
        List<VersionChange> path = changes.subList(first, changes.size());
        if (path.isEmpty()) {
            return Optional.of(latest);
        }
        for (VersionChange change : path) {
            if (!change.endpoints().contains(endpoint)) {
                return Optional.empty();
            }
        }
        return Optional.of(request -> serve(path, endpoint, latest, request));
    }

    private static CompletionStage<ApiResponse> serve(List<VersionChange> path, Endpoint endpoint, Handler latest,
                                                      ApiRequest request) {
        // requests.get(i) is the request as path.get(i)'s older version received it.
        List<ApiRequest> requests = new ArrayList<>(path.size());
        ApiRequest current = request;
        for (int i = 0; i < path.size(); i++) {
            requests.add(current);
            VersionChange.Forward forward;
            try {
                forward = path.get(i).forward(endpoint, current);
            } catch (RuntimeException failure) {
                forward = VersionChange.Forward.answer(ErrorMapper.toResponse(failure, current.method(), current.path()));
            }
            if (forward.answer() != null) {
                // An answer in the terms of change i's older version: back through the changes below it.
                return CompletableFuture.completedFuture(backward(path, i - 1, endpoint, requests, forward.answer()));
            }
            current = forward.request();
        }
        return answer(latest, current).thenApply(response -> backward(path, path.size() - 1, endpoint, requests, response));
    }

    private static ApiResponse backward(List<VersionChange> path, int from, Endpoint endpoint, List<ApiRequest> requests,
                                        ApiResponse response) {
        ApiResponse current = response;
        for (int i = from; i >= 0; i--) {
            current = path.get(i).backward(endpoint, requests.get(i), current);
        }
        return current;
    }

    /**
     * The handler's answer with its failures as the responses they map to, so that the changes
     * see (and translate) errors as they see answers.
     */
    static CompletionStage<ApiResponse> answer(Handler handler, ApiRequest request) {
        CompletionStage<ApiResponse> stage;
        try {
            stage = handler.handle(request);
        } catch (RuntimeException failure) {
            return CompletableFuture.completedFuture(ErrorMapper.toResponse(failure, request.method(), request.path()));
        }
        return stage.handle((response, failure) -> failure != null
                ? ErrorMapper.toResponse(failure, request.method(), request.path())
                : response);
    }
}
