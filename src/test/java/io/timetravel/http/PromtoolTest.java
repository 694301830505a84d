package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.testing.CommitRefusal;
import io.timetravel.testing.SystemTool;
import io.timetravel.testing.TestServer;
import io.timetravel.testing.TestServer.Reply;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus' own checker ({@code promtool check metrics}, Debian package {@code prometheus})
 * accepts a real server's {@code /metrics} after traffic of every kind, lint included. Skipped
 * where promtool is missing, except under CI (the CI variable set), where that is a failure:
 * {@code .ci/run} installs it.
 */
class PromtoolTest {

    @TempDir
    Path dir;

    @Test
    void promtoolFindsNoProblemInTheMetricsPage() throws Exception {
        Path promtool = SystemTool.require("promtool", "apt-get install prometheus");
        String page;
        try (TestServer server = TestServer.start(dir.resolve("promtool.db"))) {
            String user = "X-User-ID";
            assertEquals(201, server.post("/api/v2/records/7", "{\"name\":\"Ada\",\"region\":\"EU\"}", user, "1").status());
            assertEquals(200, server.post("/api/v2/records/7", "{\"premium\":1}", user, "1").status());
            assertEquals(200, server.get("/api/v2/records/7", user, "1").status());
            assertEquals(200, server.get("/api/v2/records/7/versions", user, "1").status());
            assertEquals(200, server.get("/api/v2/records/7/history", user, "1").status());
            assertEquals(200, server.get("/api/v2/records/7/replay", user, "1").status());
            assertEquals(404, server.get("/api/v2/records/99", user, "1").status());
            assertEquals(400, server.get("/api/v2/records/7").status());
            assertEquals(400, server.get("/api/v2/records/7", user, "nobody").status());
            assertEquals(200, server.post("/api/v1/records/3", "{\"k\":\"v\"}").status());
            assertEquals(200, server.get("/api/v1/records/3").status());
            assertEquals(400, server.get("/api/v1/records/0").status());
            assertEquals(400, server.post("/api/v1/records/3", "{\"k\":1}").status());
            assertEquals(200, server.send("DELETE", "/api/v1/health", null).status());
            assertEquals(405, server.send("PUT", "/api/v2/records/7", "{}", user, "1").status());
            assertEquals(405, server.send("BREW", "/api/v2/records/7", null, user, "1").status());
            assertEquals(404, server.get("/no/such/path?x=%22quoted%22").status());
            assertEquals(404, server.get("/%E2%9C%93/unicode").status());
            assertEquals(200, server.get("/health").status());
            assertEquals(200, server.get("/metrics").status());
            CommitRefusal.refuseCommits(server.database());
            assertEquals(503, server.post("/api/v2/records/8", "{\"a\":1}", user, "1").status());
            CommitRefusal.allowCommits(server.database());
            server.context().metrics().evaluated("enable_v2_api", true);
            server.context().metrics().evaluated("enable_v2_api", false);

            Reply reply = server.get("/metrics");
            assertEquals(200, reply.status());
            page = reply.body();
        }
        assertTrue(page.contains("db_write_failures_total 1.0"), page);

        Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(page.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals("", output.strip(), "promtool's findings");
        assertEquals(0, process.exitValue(), output);
    }
}
