package io.timetravel.http.versioning;

import java.util.List;
import java.util.Optional;

/** Every endpoint of one API version with its declared answers: what {@link SchemaDiff} compares. */
public record ApiSchema(List<EndpointSchema> endpoints) {

    public ApiSchema {
        endpoints = List.copyOf(endpoints);
        for (int i = 0; i < endpoints.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (endpoints.get(i).endpoint().equals(endpoints.get(j).endpoint())) {
                    throw new IllegalArgumentException(endpoints.get(i).endpoint() + " declared twice");
                }
            }
        }
    }

    public static ApiSchema of(EndpointSchema... endpoints) {
        return new ApiSchema(List.of(endpoints));
    }

    /** This schema with one more endpoint (a test adding a field, a later version). */
    public ApiSchema plus(EndpointSchema endpoint) {
        List<EndpointSchema> more = new java.util.ArrayList<>(endpoints);
        more.add(endpoint);
        return new ApiSchema(more);
    }

    public Optional<EndpointSchema> find(Endpoint endpoint) {
        return endpoints.stream().filter(declared -> declared.endpoint().equals(endpoint)).findFirst();
    }

    /** The endpoints of {@code path} (a template), whatever their method. */
    public List<EndpointSchema> atPath(String path) {
        return endpoints.stream().filter(declared -> declared.endpoint().path().equals(path)).toList();
    }
}
