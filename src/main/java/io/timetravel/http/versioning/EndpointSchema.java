package io.timetravel.http.versioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What one endpoint of a version asks for (required headers) and answers (its response cases). */
public record EndpointSchema(Endpoint endpoint, List<String> requiredHeaders, List<ResponseCase> responses) {

    public EndpointSchema {
        requiredHeaders = List.copyOf(requiredHeaders);
        responses = List.copyOf(responses);
        for (int i = 0; i < responses.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (responses.get(i).name().equals(responses.get(j).name())) {
                    throw new IllegalArgumentException(endpoint + " declares \"" + responses.get(i).name() + "\" twice");
                }
            }
        }
    }

    /** An endpoint with no answers declared yet; add them with {@link #answers}. */
    public static EndpointSchema of(String method, String path, String... requiredHeaders) {
        return new EndpointSchema(new Endpoint(method, path), List.of(requiredHeaders), List.of());
    }

    /** This endpoint with one more kind of answer. */
    public EndpointSchema answers(String caseName, int status, Schema body) {
        List<ResponseCase> more = new ArrayList<>(responses);
        more.add(new ResponseCase(caseName, status, body));
        return new EndpointSchema(endpoint, requiredHeaders, more);
    }

    public Optional<ResponseCase> response(String caseName) {
        return responses.stream().filter(response -> response.name().equals(caseName)).findFirst();
    }

    public boolean requires(String header) {
        return requiredHeaders.stream().anyMatch(required -> required.equalsIgnoreCase(header));
    }
}
