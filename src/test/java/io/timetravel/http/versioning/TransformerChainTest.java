package io.timetravel.http.versioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.Operation;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.http.ApiException;
import io.timetravel.http.ApiRequest;
import io.timetravel.http.ApiResponse;
import io.timetravel.http.Handler;
import io.timetravel.http.HttpJson;
import io.timetravel.http.v2.RecordBody;
import io.timetravel.service.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transformers on their own: v1 requests forward onto v2 handlers (here, fakes that record
 * what they receive) and v2 answers back into v1's, and the chaining of several changes.
 */
class TransformerChainTest {

    private static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

    private final VersionRegistry registry = VersionRegistry.standard();
    private final ApiVersion v1 = registry.byName("v1").orElseThrow();
    private final List<ApiRequest> received = new ArrayList<>();

    private static RecordVersion record(long id, long version, String data) {
        try {
            return new RecordVersion(id, version, JsonParser.parseObject(data), T, T, null, T, 42, Operation.UPDATE, "why");
        } catch (JsonParseException e) {
            throw new AssertionError(e);
        }
    }

    /** A v2 handler that records its request and answers {@code answer}. */
    private Handler v2Answering(ApiResponse answer) {
        return request -> {
            received.add(request);
            return CompletableFuture.completedFuture(answer);
        };
    }

    private Handler v1(Endpoint endpoint, Handler v2) {
        return new TransformerChain(registry, List.of(new V1V2Change()), Map.of(endpoint, v2)).handler(v1, endpoint).orElseThrow();
    }

    private static ApiRequest request(String method, String id, String body, Map<String, String> query, String... headers) {
        Map<String, String> headerMap = new HashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            headerMap.put(headers[i], headers[i + 1]);
        }
        return new ApiRequest(method, "/api/v1/records/" + id, Map.of("id", id), query, headerMap,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), "v1", null);
    }

    private static ApiResponse send(Handler handler, ApiRequest request) {
        return handler.handle(request).toCompletableFuture().join();
    }

    private static String json(ApiResponse response) {
        return new String(HttpJson.write(response.json()), StandardCharsets.UTF_8);
    }

    @Test
    void aV1ReadReachesV2AsTheAnonymousActorWithoutQueryOrReasonAndAnswersTheV1Body() {
        Handler read = v1(V1V2Change.READ, v2Answering(ApiResponse.ok(RecordBody.of(record(7, 3, "{\"b\":\"2\",\"a\":\"1\"}")))));

        ApiResponse answer = send(read, request("GET", "007", null, Map.of("at", "2020-01-01"), "X-Reason", "nosy"));

        assertEquals(200, answer.status());
        assertEquals("{\"id\":7,\"data\":{\"a\":\"1\",\"b\":\"2\"}}", json(answer));
        ApiRequest forwarded = received.get(0);
        assertEquals("7", forwarded.pathParam("id"));
        assertEquals("0", forwarded.header("X-User-ID").orElseThrow());
        assertTrue(forwarded.query().isEmpty());
        assertTrue(forwarded.header("X-Reason").isEmpty());
        assertEquals("v1", forwarded.clientVersion());
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", " 42 "})
    void aValidUserIdIsKeptAsTheActor(String user) {
        Handler write = v1(V1V2Change.WRITE, v2Answering(ApiResponse.json(201, RecordBody.of(record(5, 1, "{\"k\":\"v\"}")))));

        ApiResponse answer = send(write, request("POST", "5", "{\"k\":\"v\",\"x\":null}", Map.of(), "X-User-ID", user));

        assertEquals(200, answer.status(), "v1 answers 200 where v2 answers 201 for a new record");
        assertEquals("{\"id\":5,\"data\":{\"k\":\"v\"}}", json(answer));
        assertEquals("42", received.get(0).header("X-User-ID").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "abc", ""})
    void anInvalidUserIdMakesTheAnonymousActor(String user) {
        Handler write = v1(V1V2Change.WRITE, v2Answering(ApiResponse.ok(RecordBody.of(record(5, 2, "{}")))));

        send(write, request("POST", "5", "{}", Map.of(), "X-User-ID", user));

        assertEquals("0", received.get(0).header("X-User-ID").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "2147483648", "1.5"})
    void anIdOutsideV1sRangeIsRefusedWithTheV1MessageBeforeV2(String id) {
        Handler read = v1(V1V2Change.READ, v2Answering(ApiResponse.ok(null)));

        ApiResponse answer = send(read, request("GET", id, null, Map.of()));

        assertEquals(400, answer.status());
        assertEquals("{\"error\":\"invalid id; id must be a positive number\"}", json(answer));
        assertTrue(received.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"k\":1}", "{\"k\":{\"a\":\"b\"}}", "[]", "", "{\"k\":"})
    void aBodyThatIsNotAnObjectOfStringsIsRefusedWithTheV1MessageBeforeV2(String body) {
        Handler write = v1(V1V2Change.WRITE, v2Answering(ApiResponse.ok(null)));

        ApiResponse answer = send(write, request("POST", "5", body, Map.of()));

        assertEquals(400, answer.status());
        assertEquals("{\"error\":\"invalid input; could not parse json\"}", json(answer));
        assertTrue(received.isEmpty());
    }

    @Test
    void v2sMissingRecordBecomesV1s400WhetherAnsweredOrThrown() {
        Handler answered = v1(V1V2Change.READ, v2Answering(ApiResponse.error(404, "record 32 not found")));
        Handler thrown = v1(V1V2Change.READ, request -> {
            throw new NotFoundException("record 32 not found");
        });
        Handler failedLater = v1(V1V2Change.READ, request -> CompletableFuture.failedFuture(ApiException.notFound("record 32 not found")));

        for (Handler handler : List.of(answered, thrown, failedLater)) {
            ApiResponse answer = send(handler, request("GET", "32", null, Map.of()));
            assertEquals(400, answer.status());
            assertEquals("{\"error\":\"record of id 32 does not exist\"}", json(answer));
        }
    }

    @Test
    void v2sOtherRefusalsOfAWriteBecomeV1sInvalidInput() {
        Handler write = v1(V1V2Change.WRITE, v2Answering(ApiResponse.error(400, "patch nested too deeply")));

        ApiResponse answer = send(write, request("POST", "5", "{\"k\":\"v\"}", Map.of()));

        assertEquals(400, answer.status());
        assertEquals("{\"error\":\"invalid input; could not parse json\"}", json(answer));
    }

    @Test
    void answersV1HasNoWordsForPassThroughWithTheirHeaders() {
        Handler read = v1(V1V2Change.READ, v2Answering(ApiResponse.error(503, "database unavailable").header("Retry-After", "1")));

        ApiResponse answer = send(read, request("GET", "5", null, Map.of()));

        assertEquals(503, answer.status());
        assertEquals("1", answer.headers().get("Retry-After"));
    }

    @Test
    void anEndpointTheOlderVersionDidNotHaveHasNoHandlerThere() {
        Endpoint history = new Endpoint("GET", "/records/{id}/history");
        TransformerChain chain = new TransformerChain(registry, List.of(new V1V2Change()),
                Map.of(history, v2Answering(ApiResponse.ok(Map.of()))));

        assertTrue(chain.handler(v1, history).isEmpty());
        assertTrue(chain.handler(registry.latest(), history).isPresent());
    }

    // --- chaining -----------------------------------------------------------------------------

    /** A change that tags requests going forward and answers coming back, to see the order. */
    private static final class Tagging implements VersionChange {
        private final String from;
        private final String to;
        private final boolean refuse;

        Tagging(String from, String to, boolean refuse) {
            this.from = from;
            this.to = to;
            this.refuse = refuse;
        }

        @Override
        public String from() {
            return from;
        }

        @Override
        public String to() {
            return to;
        }

        @Override
        public Set<Endpoint> endpoints() {
            return Set.of(V1V2Change.READ);
        }

        @Override
        public Forward forward(Endpoint endpoint, ApiRequest request) {
            if (refuse) {
                return Forward.answer(ApiResponse.error(400, "refused by " + from + "->" + to));
            }
            Map<String, String> headers = new HashMap<>(request.headers());
            headers.merge("x-trail", from + ">" + to, (a, b) -> a + "," + b);
            return Forward.to(request.withHeaders(headers));
        }

        @Override
        public ApiResponse backward(Endpoint endpoint, ApiRequest request, ApiResponse response) {
            String trail = response.error() == null ? "" : response.error();
            return response.withBody(response.status(), new ApiResponse.ErrorBody(trail + "|" + to + "<" + from));
        }
    }

    private static VersionRegistry threeVersions() {
        ApiSchema schema = ApiSchema.of();
        return new VersionRegistry(List.of(
                new ApiVersion("v1", Instant.parse("2019-01-01T00:00:00Z"), List.of(), schema),
                new ApiVersion("v2", Instant.parse("2020-01-01T00:00:00Z"), List.of(), schema),
                new ApiVersion("v3", Instant.parse("2021-01-01T00:00:00Z"), List.of(), schema)));
    }

    @Test
    void anOlderRequestGoesForwardThroughEveryChangeAndItsAnswerBackInReverse() {
        VersionRegistry three = threeVersions();
        Handler latest = request -> {
            received.add(request);
            return CompletableFuture.completedFuture(ApiResponse.error(200, "v3 answered"));
        };
        TransformerChain chain = new TransformerChain(three, List.of(new Tagging("v1", "v2", false), new Tagging("v2", "v3", false)),
                Map.of(V1V2Change.READ, latest));

        ApiResponse fromV1 = send(chain.handler(three.byName("v1").orElseThrow(), V1V2Change.READ).orElseThrow(),
                request("GET", "1", null, Map.of()));
        ApiResponse fromV2 = send(chain.handler(three.byName("v2").orElseThrow(), V1V2Change.READ).orElseThrow(),
                request("GET", "1", null, Map.of()));

        assertEquals("v1>v2,v2>v3", received.get(0).header("x-trail").orElseThrow());
        assertEquals("v3 answered|v3<v2|v2<v1", fromV1.error());
        assertEquals("v2>v3", received.get(1).header("x-trail").orElseThrow());
        assertEquals("v3 answered|v3<v2", fromV2.error());
    }

    @Test
    void anAnswerGivenOnTheWayForwardGoesBackThroughTheChangesBelowIt() {
        VersionRegistry three = threeVersions();
        TransformerChain chain = new TransformerChain(three, List.of(new Tagging("v1", "v2", false), new Tagging("v2", "v3", true)),
                Map.of(V1V2Change.READ, v2Answering(ApiResponse.ok(Map.of()))));

        ApiResponse answer = send(chain.handler(three.byName("v1").orElseThrow(), V1V2Change.READ).orElseThrow(),
                request("GET", "1", null, Map.of()));

        assertEquals(400, answer.status());
        assertEquals("refused by v2->v3|v2<v1", answer.error());
        assertTrue(received.isEmpty());
    }

    @Test
    void changesMustLinkAdjacentVersionsInOrder() {
        VersionRegistry three = threeVersions();

        assertThrowsIllegal(() -> new TransformerChain(three, List.of(new Tagging("v1", "v2", false)), Map.of()));
        assertThrowsIllegal(() -> new TransformerChain(three, List.of(new Tagging("v2", "v3", false), new Tagging("v1", "v2", false)),
                Map.of()));
    }

    private static void assertThrowsIllegal(org.junit.jupiter.api.function.Executable executable) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, executable);
    }

    @Test
    void v1HasNoWordForAReasonSoNoneReachesV2() throws JsonParseException {
        Handler write = v1(V1V2Change.WRITE, v2Answering(ApiResponse.ok(RecordBody.of(record(5, 2, "{}")))));

        send(write, request("POST", "5", "{}", Map.of("effective_at", "2020-01-01"), "X-Reason", "back-dating"));

        assertNull(received.get(0).header("X-Reason").orElse(null));
        assertTrue(received.get(0).queryParam("effective_at").isEmpty());
        assertEquals(JsonObject.empty(), JsonParser.parseObject(received.get(0).body()));
    }
}
