package io.timetravel.http;

import java.util.List;

/**
 * The checks a routed request passes before its handler: identity first (401 before anything
 * else), then the filters, so that a switched-off API answers the same to every authenticated
 * caller whether or not it named itself, then the role.
 */
final class RequestChecks {

    private final AccessGate accessGate;
    private final List<RequestFilter> filters;

    RequestChecks(AccessGate accessGate, List<RequestFilter> filters) {
        this.accessGate = accessGate;
        this.filters = List.copyOf(filters);
    }

    /** The request with its caller, or the answer that ends it before the handler. */
    AccessGate.Identified check(Route route, ApiRequest request) {
        AccessGate.Identified identified = accessGate.identify(route, request);
        ApiResponse early = identified.refusal();
        ApiRequest identifiedRequest = identified.request();
        for (int i = 0; early == null && i < filters.size(); i++) {
            early = filters.get(i).check(route, identifiedRequest);
        }
        if (early == null) {
            early = accessGate.authorize(route, identifiedRequest);
        }
        return new AccessGate.Identified(identifiedRequest, early);
    }
}
