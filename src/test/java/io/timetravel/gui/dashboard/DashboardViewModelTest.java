package io.timetravel.gui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Caller;
import io.timetravel.domain.access.Role;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.gui.dashboard.DashboardViewModel.Point;
import io.timetravel.http.metrics.Metrics;
import io.timetravel.testing.MutableClock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The dashboard's arithmetic, with the ticks and the clock driven by the test: no waiting. */
class DashboardViewModelTest {

    private static final String V2_RECORD = "/api/v2/records/{id}";
    private static final String V1_RECORD = "/api/v1/records/{id}";

    private final Metrics metrics = new Metrics(false);
    private final MutableClock clock = MutableClock.at("2026-11-29T12:00:00Z");
    private final WorkspaceState state = new WorkspaceState();
    private final AtomicBoolean copies = new AtomicBoolean(true);
    private final DashboardViewModel dashboard = new DashboardViewModel(metrics, copies::get, true, state, clock, ZoneOffset.UTC);

    private void requests(int count, String route, String version, int status, double seconds) {
        for (int i = 0; i < count; i++) {
            metrics.observe("GET", "/x", route, version, status, Math.round(seconds * 1e9), null);
        }
    }

    private void tickAfter(Duration elapsed) {
        clock.advance(elapsed);
        dashboard.tick();
    }

    private static Point last(List<Point> points) {
        return points.get(points.size() - 1);
    }

    @Test
    void ratesAreTheCountsOfAnIntervalDividedByItsLength() {
        dashboard.tick();
        requests(30, V2_RECORD, "v2", 200, 0.002);
        metrics.committed(8, 8);
        tickAfter(Duration.ofSeconds(2));

        assertEquals(1, dashboard.requestRate().size());
        assertEquals(15.0, last(dashboard.requestRate()).value(), 1e-9);
        assertEquals(4.0, last(dashboard.versionsWritten()).value(), 1e-9);
        assertEquals(4.0, last(dashboard.auditEntriesWritten()).value(), 1e-9);
        assertEquals(clock.instant().getEpochSecond(), last(dashboard.requestRate()).time(), 1e-9);

        tickAfter(Duration.ofSeconds(1));
        assertEquals(0.0, last(dashboard.requestRate()).value(), 1e-9, "a quiet second is a rate of zero");
        assertEquals(1, dashboard.latencyP95().size(), "no requests, no latency: the point is left out, not drawn at zero");
    }

    @Test
    void percentilesComeFromTheIntervalsBucketsOnly() {
        dashboard.tick();
        // 50 requests of 0.7 ms (bucket 0.5–1 ms) and 50 of 20 ms (bucket 10–25 ms).
        requests(50, V2_RECORD, "v2", 200, 0.0007);
        requests(50, V2_RECORD, "v2", 200, 0.020);
        tickAfter(Duration.ofSeconds(1));

        assertEquals(1.0, last(dashboard.latencyP50()).value(), 1e-9, "rank 50 ends the 0.5–1 ms bucket");
        assertEquals(23.5, last(dashboard.latencyP95()).value(), 1e-9, "rank 95: 45 of 50 into the 10–25 ms bucket");

        // The next second has only slow requests (0.3 s, bucket 250–500 ms): the earlier fast ones do not count.
        requests(10, V2_RECORD, "v2", 200, 0.3);
        tickAfter(Duration.ofSeconds(1));
        assertEquals(375.0, last(dashboard.latencyP50()).value(), 1e-9);
        assertEquals(487.5, last(dashboard.latencyP95()).value(), 1e-9);
    }

    @Test
    void errorsAreSharesOfTheIntervalsAnswers() {
        dashboard.tick();
        requests(90, V2_RECORD, "v2", 200, 0.001);
        requests(6, V2_RECORD, "v2", 404, 0.001);
        requests(4, V2_RECORD, "v2", 503, 0.001);
        tickAfter(Duration.ofSeconds(1));

        assertEquals(4.0, last(dashboard.serverErrors()).value(), 1e-9);
        assertEquals(6.0, last(dashboard.clientErrors()).value(), 1e-9);
        assertEquals("4.0 %", dashboard.errorsNowProperty().get());
        assertTrue(dashboard.errorsDetailProperty().get().contains("6.0 %"), dashboard.errorsDetailProperty().get());
    }

    @Test
    void v2ShareCountsOnlyVersionedTrafficAndIsComparedWithTheTarget() {
        dashboard.tick();
        requests(3, V2_RECORD, "v2", 200, 0.001);
        requests(1, V1_RECORD, "v1", 200, 0.001);
        requests(50, "/metrics", "none", 200, 0.001);
        tickAfter(Duration.ofSeconds(1));

        assertEquals(75.0, last(dashboard.v2Share()).value(), 1e-9, "health and /metrics are neither v1 nor v2");
        assertEquals("75.0 %", dashboard.v2ShareNowProperty().get());
        assertFalse(dashboard.v2TargetMetProperty().get());

        requests(17, V2_RECORD, "v2", 200, 0.001);
        tickAfter(Duration.ofSeconds(1));
        assertEquals(100.0, last(dashboard.v2Share()).value(), 1e-9);
        // Over the window: 20 of 21 versioned requests.
        assertEquals("95.2 %", dashboard.v2ShareNowProperty().get());
        assertTrue(dashboard.v2TargetMetProperty().get());

        requests(5, "/metrics", "none", 200, 0.001);
        tickAfter(Duration.ofSeconds(1));
        assertEquals(2, dashboard.v2Share().size(), "an interval without versioned traffic has no share");
    }

    @Test
    void flagEvaluationsHaveASeriesPerFlagFromItsFirstEvaluation() {
        dashboard.tick();
        metrics.evaluated("enable_v2_api", true);
        metrics.evaluated("enable_v2_api", false);
        tickAfter(Duration.ofSeconds(1));
        for (int i = 0; i < 6; i++) {
            metrics.evaluated("enable_audit_logging", true);
        }
        tickAfter(Duration.ofSeconds(2));

        assertEquals(List.of("enable_audit_logging", "enable_v2_api"),
                dashboard.flagEvaluations().stream().map(DashboardViewModel.KeyedSeries::key).sorted().toList());
        DashboardViewModel.KeyedSeries v2 = dashboard.flagEvaluations().stream().filter(s -> s.key().equals("enable_v2_api"))
                .findFirst().orElseThrow();
        assertEquals(List.of(2.0, 0.0), v2.points().stream().map(Point::value).toList());
        DashboardViewModel.KeyedSeries audit = dashboard.flagEvaluations().stream()
                .filter(s -> s.key().equals("enable_audit_logging")).findFirst().orElseThrow();
        assertEquals(List.of(3.0), audit.points().stream().map(Point::value).toList());
    }

    @Test
    void quotesHaveASeriesPerEngineAndAHeadlineOfAllTogether() {
        dashboard.tick();
        for (int i = 0; i < 4; i++) {
            metrics.premiums().quoted("classic", 1, 2_000_000);
        }
        tickAfter(Duration.ofSeconds(2));
        metrics.premiums().quoted("risk-v2", 2, 3_000_000);
        tickAfter(Duration.ofSeconds(1));

        assertEquals(List.of("classic@1", "risk-v2@2"), dashboard.quotes().stream().map(DashboardViewModel.KeyedSeries::key).toList());
        assertEquals(List.of(2.0, 0.0), dashboard.quotes().get(0).points().stream().map(Point::value).toList());
        assertEquals(List.of(1.0), dashboard.quotes().get(1).points().stream().map(Point::value).toList());
        assertEquals("1.7 quotes/s", dashboard.premium().quotesNowProperty().get(), "5 quotes in 3 seconds");
    }

    @Test
    void quoteP95ComesFromTheIntervalsQuotesOnly() {
        dashboard.tick();
        assertEquals("\u2014", dashboard.premium().quoteLatencyNowProperty().get(), "no interval yet");
        // 20 quotes of 2 ms (bucket 1–2.5 ms), all engines together.
        for (int i = 0; i < 10; i++) {
            metrics.premiums().quoted("classic", 1, 2_000_000);
            metrics.premiums().quoted("risk-v2", 2, 2_000_000);
        }
        tickAfter(Duration.ofSeconds(1));
        assertEquals("2.4 ms", dashboard.premium().quoteLatencyNowProperty().get(), "rank 19 of 20 into the 1–2.5 ms bucket");

        // Past the headline span the early quotes drop out: 4 of 40 ms (bucket 25–50 ms) are all it counts.
        tickAfter(DashboardViewModel.HEADLINE_SPAN.plusSeconds(1));
        for (int i = 0; i < 4; i++) {
            metrics.premiums().quoted("classic", 1, 40_000_000);
        }
        tickAfter(Duration.ofSeconds(1));
        assertEquals("48.8 ms", dashboard.premium().quoteLatencyNowProperty().get(), "rank 3.8 of 4 into the 25–50 ms bucket");

        tickAfter(DashboardViewModel.HEADLINE_SPAN);
        assertEquals("\u2014", dashboard.premium().quoteLatencyNowProperty().get(), "a span without quotes has no p95");
    }

    @Test
    void recalculationsShowTheRunningJobsAtTheLastReading() {
        dashboard.tick();
        assertEquals("none running", dashboard.premium().recalculationsNowProperty().get());

        metrics.premiums().recalculationProgress(3, 45, 100);
        tickAfter(Duration.ofSeconds(1));
        assertEquals("job 3: 45 %", dashboard.premium().recalculationsNowProperty().get());

        metrics.premiums().recalculationProgress(7, 12, 100);
        metrics.premiums().recalculationProgress(3, 90, 100);
        tickAfter(Duration.ofSeconds(1));
        assertEquals("2 running, lowest 12 %", dashboard.premium().recalculationsNowProperty().get());

        metrics.premiums().recalculationEnded(3, "DONE");
        metrics.premiums().recalculationEnded(7, "CANCELLED");
        tickAfter(Duration.ofSeconds(1));
        assertEquals("none running", dashboard.premium().recalculationsNowProperty().get());
    }

    @Test
    void pointsOlderThanTheWindowAreDroppedAndTheAxisFollowsTheClock() {
        dashboard.tick();
        for (int i = 0; i < 700; i++) {
            requests(1, V2_RECORD, "v2", 200, 0.001);
            tickAfter(Duration.ofSeconds(1));
        }

        long windowSeconds = DashboardViewModel.WINDOW.toSeconds();
        assertTrue(dashboard.requestRate().size() <= windowSeconds + 1, "at most a window of points");
        assertTrue(dashboard.requestRate().size() >= windowSeconds, "a full window of points");
        double end = clock.instant().getEpochSecond();
        assertEquals(end, dashboard.windowEndProperty().get(), 1e-9);
        assertEquals(end - windowSeconds, dashboard.windowStartProperty().get(), 1e-9);
        assertTrue(dashboard.requestRate().get(0).time() >= dashboard.windowStartProperty().get());
        assertEquals("1.0 req/s", dashboard.requestRateNowProperty().get());
    }

    @Test
    void aClockThatHasNotMovedAddsNothing() {
        dashboard.tick();
        requests(5, V2_RECORD, "v2", 200, 0.001);
        dashboard.tick();

        assertTrue(dashboard.requestRate().isEmpty());
        tickAfter(Duration.ofMillis(500));
        assertEquals(10.0, last(dashboard.requestRate()).value(), 1e-9, "the five requests, over half a second");
    }

    @Test
    void theViewSaysWhenCopiesAreOffAndWhoMayNotSeeIt() {
        copies.set(false);
        dashboard.tick();
        assertTrue(dashboard.copiesOffProperty().get());

        state.callerProperty().set(new Caller(Actor.declared(7), Set.of(Role.AUDITOR), false));
        assertFalse(dashboard.allowedProperty().get());
        assertEquals("Needs the role operator or admin", dashboard.whyNotProperty().get());

        state.callerProperty().set(new Caller(Actor.declared(8), Set.of(Role.OPERATOR), false));
        assertTrue(dashboard.allowedProperty().get());
        assertEquals("", dashboard.whyNotProperty().get());
    }

    @Test
    void theTimeAxisSpeaksLocalTime() {
        DashboardViewModel paris = new DashboardViewModel(metrics, copies::get, true, state, clock, java.time.ZoneId.of("Europe/Paris"));
        assertEquals("13:00", paris.timeLabel(clock.instant().getEpochSecond()));
    }
}
