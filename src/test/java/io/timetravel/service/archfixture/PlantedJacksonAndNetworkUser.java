package io.timetravel.service.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A use case that maps JSON with Jackson's databind and calls another system over HTTP itself,
 * planted for {@code ArchitectureRulesTest}: two rules must catch it. Never called.
 */
public final class PlantedJacksonAndNetworkUser {

    private PlantedJacksonAndNetworkUser() {
    }

    static String fetch(String url) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(answer.body()).toString();
    }
}
