package io.timetravel.http.versioning;

import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import java.util.Objects;
import java.util.Set;

/**
 * The transformer pair between two adjacent API versions: requests of the older version
 * rewritten as the newer one takes them, and the newer version's answers rewritten as the older
 * one gave them. {@link TransformerChain} chains these, so that a version two steps behind is
 * served through two changes and a new version needs one more change, not a rewrite of the old.
 */
public interface VersionChange {

    /** The older version's name. */
    String from();

    /** The newer version's name. */
    String to();

    /** The older version's endpoints this change carries over to the newer version (same method and path). */
    Set<Endpoint> endpoints();

    /**
     * The older version's request as the newer version takes it, or, when the older version
     * would refuse it before any work (an id out of its range, say), its answer right away.
     */
    Forward forward(Endpoint endpoint, ApiRequest request);

    /**
     * The newer version's answer to the forwarded request, as the older version answers.
     *
     * @param request the request as the older version received it
     */
    ApiResponse backward(Endpoint endpoint, ApiRequest request, ApiResponse response);

    /** The result of {@link #forward}: a request for the newer version, or the older version's answer. */
    record Forward(ApiRequest request, ApiResponse answer) {

        public static Forward to(ApiRequest request) {
            return new Forward(Objects.requireNonNull(request), null);
        }

        public static Forward answer(ApiResponse answer) {
            return new Forward(null, Objects.requireNonNull(answer));
        }
    }
}
