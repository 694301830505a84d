package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Permission;
import io.timetravel.testing.RawHttp;
import io.timetravel.testing.RawHttp.Answer;
import io.timetravel.testing.Wait;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Through a real listener: while large bodies fill the budget, another large one waits unread and
 * is refused with 429 when its wait ends, without reaching its handler; a small one is served at
 * once; and once room is made the next large one is served.
 */
class LargeBodiesHttpTest {

    private static final String LARGE = "{\"note\":\"" + "x".repeat(900_000) + "\"}";
    private static final String SMALL = "{\"note\":\"n\"}";

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ApiResponse> held = new CompletableFuture<>();
    private ApiServer server;

    @AfterEach
    void stop() {
        held.complete(ApiResponse.ok(Map.of()));
        if (server != null) {
            server.close();
        }
    }

    private Answer post(String path, String body) {
        return RawHttp.send("127.0.0.1", server.address().getPort(), "POST " + path + " HTTP/1.1",
                List.of("Host: 127.0.0.1", "Content-Type: application/json"), body);
    }

    @Test
    void aLargeBodyWaitsForRoomThenIsRefusedWithRetryAfterAndASmallOneIsServed() throws Exception {
        // A budget of 1 MiB holds one large body; waits end after half the 2 s idle timeout.
        server = ApiServer.builder().bind("127.0.0.1").port(0).bodyBudget(1)
                .timeouts(new ListenerTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(2)))
                .routes(List.of(
                        new Route("POST", "/held", "v2", false, request -> {
                            handled.add("held " + request.body().length);
                            return held;
                        }, Permission.WRITE),
                        new Route("POST", "/write", "v2", false, Handler.sync(request -> {
                            handled.add("write " + request.body().length);
                            return ApiResponse.ok(Map.of("bytes", request.body().length));
                        }), Permission.WRITE)))
                .start();

        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> post("/held", LARGE));
        Wait.until(Duration.ofSeconds(30), () -> handled.size() == 1, handled::toString);

        Answer refused = post("/write", LARGE);
        assertEquals(429, refused.status(), refused::toString);
        assertEquals("1", refused.header("Retry-After"));
        assertTrue(refused.body().contains("too many large request bodies at once"), refused.body());
        Answer small = post("/write", SMALL);
        assertEquals(200, small.status(), small::toString);
        assertEquals(List.of("held " + LARGE.length(), "write " + SMALL.length()), handled,
                "the refused body reached no handler");

        held.complete(ApiResponse.ok(Map.of("held", true)));
        assertEquals(200, first.get(30, TimeUnit.SECONDS).status());
        Answer next = post("/write", LARGE);
        assertEquals(200, next.status(), "the room the first body took is free again: " + next);
    }
}
