package io.timetravel.gui.dashboard;

import io.timetravel.domain.access.Permission;
import io.timetravel.gui.Messages;
import io.timetravel.gui.Permissions;
import io.timetravel.gui.WorkspaceState;
import io.timetravel.service.LatencyHistogram;
import io.timetravel.service.MetricsReading;
import io.timetravel.service.MetricsSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The dashboard: the process's own metrics read at each {@link #tick()} (memory only, cheap) and
 * turned into rates over the interval since the previous reading, kept for a rolling
 * {@link #WINDOW}: request rate, latency p50 and p95 (from the duration histogram's bucket
 * deltas), the share of 5xx and 4xx answers, flag evaluations per flag, v2's share of versioned
 * API traffic against the {@value #V2_TARGET_PERCENT} % the deprecation policy names, writes, and
 * premium quotes per engine; the premium headlines (quote rate and p95, recalculations) are {@link PremiumFigures}.
 *
 * <p>Time comes from the injected clock, so tests drive ticks and time explicitly; the view ticks
 * once a {@link #INTERVAL}. A point that has no meaning for an interval (a latency with no
 * requests, a share of nothing) is left out, so the line joins the points around the gap.
 */
public final class DashboardViewModel {

    /** How much history the charts show. */
    public static final Duration WINDOW = Duration.ofMinutes(10);
    /** How often the view reads the metrics. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);
    /** The span of the headline figures (req/s, p95, errors): long enough to be steady, short enough to be current. */
    static final Duration HEADLINE_SPAN = Duration.ofSeconds(10);
    /** v1 may be retired once v2 carries this share of the versioned API traffic (decision 0010). */
    public static final double V2_TARGET_PERCENT = 80;

    /** One point of a chart: when, in seconds since the epoch, and the value. */
    public record Point(double time, double value) {
    }

    /** The rate of one key's counter: a flag's evaluations, an engine's quotes. */
    public record KeyedSeries(String key, ObservableList<Point> points) {
    }

    private record Reading(Instant at, MetricsReading values) {
    }

    private final MetricsSource metrics;
    private final BooleanSupplier metricsSwitch;
    private final Clock clock;
    private final ZoneId zone;
    private final DateTimeFormatter timeFormat = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private final Deque<Reading> readings = new ArrayDeque<>();

    private final ObservableList<Point> requestRate = FXCollections.observableArrayList();
    private final ObservableList<Point> latencyP50 = FXCollections.observableArrayList();
    private final ObservableList<Point> latencyP95 = FXCollections.observableArrayList();
    private final ObservableList<Point> serverErrors = FXCollections.observableArrayList();
    private final ObservableList<Point> clientErrors = FXCollections.observableArrayList();
    private final ObservableList<Point> v2Share = FXCollections.observableArrayList();
    private final ObservableList<Point> versionsWritten = FXCollections.observableArrayList();
    private final ObservableList<Point> auditEntriesWritten = FXCollections.observableArrayList();
    private final KeyedRates flagEvaluations = new KeyedRates();
    private final KeyedRates quotes = new KeyedRates();

    private final ReadOnlyDoubleWrapper windowStart = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper windowEnd = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper requestRateNow = new ReadOnlyStringWrapper(Messages.get("dashboard.none"));
    private final ReadOnlyStringWrapper latencyNow = new ReadOnlyStringWrapper(Messages.get("dashboard.none"));
    private final ReadOnlyStringWrapper errorsNow = new ReadOnlyStringWrapper(Messages.get("dashboard.none"));
    private final ReadOnlyStringWrapper errorsDetail = new ReadOnlyStringWrapper(Messages.get("dashboard.errorsDetailNone"));
    private final PremiumFigures premium = new PremiumFigures();
    private final ReadOnlyStringWrapper v2ShareNow = new ReadOnlyStringWrapper(Messages.get("dashboard.none"));
    private final ReadOnlyStringWrapper v2ShareDetail = new ReadOnlyStringWrapper(Messages.get("dashboard.shareDetailNone"));
    private final ReadOnlyObjectWrapper<Boolean> v2TargetMet = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper copiesOff = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final BooleanBinding allowed;
    private final StringBinding whyNot;
    private final boolean listening;

    /**
     * @param metrics       the process's metrics
     * @param metricsSwitch whether {@code enable_metrics} is on (asked at each tick; must be cheap and not count as an evaluation)
     * @param listening     whether this process serves HTTP (else the request charts have nothing to count)
     */
    public DashboardViewModel(MetricsSource metrics, BooleanSupplier metricsSwitch, boolean listening, WorkspaceState state,
                              Clock clock, ZoneId zone) {
        this.metrics = metrics;
        this.metricsSwitch = metricsSwitch;
        this.listening = listening;
        this.clock = clock;
        this.zone = zone;
        allowed = Permissions.allows(state.callerProperty(), Permission.METRICS);
        whyNot = Permissions.whyNot(state.callerProperty(), Permission.METRICS);
        Instant now = clock.instant();
        moveWindow(now);
    }

    /**
     * Reads the metrics now and adds the interval since the last reading to every chart; drops
     * what has left the window. Nothing is added when the clock has not moved.
     */
    public void tick() {
        Instant now = clock.instant();
        Reading previous = readings.peekLast();
        if (previous != null && !now.isAfter(previous.at())) {
            return;
        }
        MetricsReading values;
        try {
            values = metrics.reading();
            copiesOff.set(!metricsSwitch.getAsBoolean());
        } catch (RuntimeException e) {
            problem.set(Messages.get("dashboard.readFailed", String.valueOf(e.getMessage())));
            return;
        }
        problem.set("");
        Reading current = new Reading(now, values);
        readings.addLast(current);
        premium.now(values);
        if (previous != null) {
            addInterval(previous, current);
        }
        moveWindow(now);
        headlines(current);
    }

    private void addInterval(Reading from, Reading to) {
        double seconds = Duration.between(from.at(), to.at()).toNanos() / 1e9;
        double time = seconds(to.at());
        MetricsReading a = from.values();
        MetricsReading b = to.values();
        double requests = delta(b.requestTotal(), a.requestTotal());
        requestRate.add(new Point(time, requests / seconds));
        LatencyHistogram latency = b.latency().minus(a.latency());
        if (latency.count() > 0) {
            latencyP50.add(new Point(time, latency.quantile(0.5) * 1000));
            latencyP95.add(new Point(time, latency.quantile(0.95) * 1000));
        }
        if (requests > 0) {
            serverErrors.add(new Point(time, 100 * delta(b.requestsWithStatus(500, 599), a.requestsWithStatus(500, 599)) / requests));
            clientErrors.add(new Point(time, 100 * delta(b.requestsWithStatus(400, 499), a.requestsWithStatus(400, 499)) / requests));
        }
        double share = v2Percent(a, b);
        if (!Double.isNaN(share)) {
            v2Share.add(new Point(time, share));
        }
        versionsWritten.add(new Point(time, delta(b.versionsWritten(), a.versionsWritten()) / seconds));
        auditEntriesWritten.add(new Point(time, delta(b.auditEntriesWritten(), a.auditEntriesWritten()) / seconds));
        flagEvaluations.add(time, seconds, a.flagEvaluations(), b.flagEvaluations());
        quotes.add(time, seconds, a.quotes(), b.quotes());
    }

    /** v2's share of the v1 and v2 requests between two readings, in percent; NaN when there were none. */
    private static double v2Percent(MetricsReading a, MetricsReading b) {
        double v2 = delta(b.requestsOfVersion("v2"), a.requestsOfVersion("v2"));
        double v1 = delta(b.requestsOfVersion("v1"), a.requestsOfVersion("v1"));
        return v1 + v2 > 0 ? 100 * v2 / (v1 + v2) : Double.NaN;
    }

    private static double delta(double later, double earlier) {
        return Math.max(0, later - earlier);
    }

    private void moveWindow(Instant now) {
        Instant start = now.minus(WINDOW);
        while (readings.size() > 1 && readings.peekFirst().at().isBefore(start)) {
            readings.removeFirst();
        }
        double from = seconds(start);
        for (ObservableList<Point> points : List.of(requestRate, latencyP50, latencyP95, serverErrors, clientErrors, v2Share,
                versionsWritten, auditEntriesWritten)) {
            trim(points, from);
        }
        flagEvaluations.trim(from);
        quotes.trim(from);
        windowStart.set(from);
        windowEnd.set(seconds(now));
    }

    static void trim(ObservableList<Point> points, double from) {
        int old = 0;
        while (old < points.size() && points.get(old).time() < from) {
            old++;
        }
        if (old > 0) {
            points.remove(0, old);
        }
    }

    /** The headline figures: rates over the last {@link #HEADLINE_SPAN}, the v2 share over the whole window. */
    private void headlines(Reading now) {
        Reading recent = oldestSince(now.at().minus(HEADLINE_SPAN));
        Reading oldest = readings.peekFirst();
        if (recent == now) {
            return;
        }
        double seconds = Duration.between(recent.at(), now.at()).toNanos() / 1e9;
        MetricsReading a = recent.values();
        MetricsReading b = now.values();
        double requests = delta(b.requestTotal(), a.requestTotal());
        requestRateNow.set(Messages.get("dashboard.perSecond", Figures.number(requests / seconds)));
        latencyNow.set(Figures.p95(a.latency(), b.latency()));
        if (requests > 0) {
            double server = delta(b.requestsWithStatus(500, 599), a.requestsWithStatus(500, 599));
            double client = delta(b.requestsWithStatus(400, 499), a.requestsWithStatus(400, 499));
            errorsNow.set(Messages.get("dashboard.percent", Figures.number(100 * server / requests)));
            errorsDetail.set(Messages.get("dashboard.errorsDetail", Figures.number(100 * client / requests)));
        } else {
            errorsNow.set(Messages.get("dashboard.none"));
            errorsDetail.set(Messages.get("dashboard.errorsDetailNone"));
        }
        premium.interval(a, b, seconds);
        double share = v2Percent(oldest.values(), b);
        if (Double.isNaN(share)) {
            v2ShareNow.set(Messages.get("dashboard.none"));
            v2ShareDetail.set(Messages.get("dashboard.shareDetailNone"));
            v2TargetMet.set(null);
        } else {
            v2ShareNow.set(Messages.get("dashboard.percent", Figures.number(share)));
            boolean met = share >= V2_TARGET_PERCENT;
            v2ShareDetail.set(Messages.get(met ? "dashboard.shareMet" : "dashboard.shareBelow", Figures.number(V2_TARGET_PERCENT),
                    Figures.span(Duration.between(oldest.at(), now.at()))));
            v2TargetMet.set(met);
        }
    }

    /** The oldest reading taken at or after {@code since}. */
    private Reading oldestSince(Instant since) {
        Iterator<Reading> newestFirst = readings.descendingIterator();
        Reading found = readings.peekLast();
        while (newestFirst.hasNext()) {
            Reading reading = newestFirst.next();
            if (reading.at().isBefore(since)) {
                break;
            }
            found = reading;
        }
        return found;
    }

    private static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    /** A time axis label: the local time of {@code epochSeconds}, to the minute. */
    public String timeLabel(Number epochSeconds) {
        double value = epochSeconds.doubleValue();
        long whole = (long) Math.floor(value);
        return timeFormat.format(Instant.ofEpochSecond(whole, Math.round((value - whole) * 1e9) % 1_000_000_000L).atZone(zone));
    }

    public ObservableList<Point> requestRate() {
        return requestRate;
    }

    /** Median latency per interval, in milliseconds. */
    public ObservableList<Point> latencyP50() {
        return latencyP50;
    }

    /** 95th percentile latency per interval, in milliseconds. */
    public ObservableList<Point> latencyP95() {
        return latencyP95;
    }

    /** Share of answers with a 5xx status, in percent. */
    public ObservableList<Point> serverErrors() {
        return serverErrors;
    }

    /** Share of answers with a 4xx status, in percent. */
    public ObservableList<Point> clientErrors() {
        return clientErrors;
    }

    /** v2's share of the v1 and v2 requests, in percent. */
    public ObservableList<Point> v2Share() {
        return v2Share;
    }

    /** Record versions committed per second. */
    public ObservableList<Point> versionsWritten() {
        return versionsWritten;
    }

    /** Audit entries committed per second. */
    public ObservableList<Point> auditEntriesWritten() {
        return auditEntriesWritten;
    }

    /** One series per flag evaluated so far, in the order they were first seen. */
    public ObservableList<KeyedSeries> flagEvaluations() {
        return flagEvaluations.series();
    }

    /** Premium quotes per second, one series per engine label ({@code classic@1}) quoted so far. */
    public ObservableList<KeyedSeries> quotes() {
        return quotes.series();
    }

    /** The start of the charts' time axis, in seconds since the epoch. */
    public ReadOnlyDoubleProperty windowStartProperty() {
        return windowStart.getReadOnlyProperty();
    }

    /** The end of the charts' time axis (the last tick), in seconds since the epoch. */
    public ReadOnlyDoubleProperty windowEndProperty() {
        return windowEnd.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty requestRateNowProperty() {
        return requestRateNow.getReadOnlyProperty();
    }

    /** p95 latency over the last seconds. */
    public ReadOnlyStringProperty latencyNowProperty() {
        return latencyNow.getReadOnlyProperty();
    }

    /** Share of 5xx answers over the last seconds. */
    public ReadOnlyStringProperty errorsNowProperty() {
        return errorsNow.getReadOnlyProperty();
    }

    /** The 4xx share beside it. */
    public ReadOnlyStringProperty errorsDetailProperty() {
        return errorsDetail.getReadOnlyProperty();
    }

    /** The premium headlines: quotes per second, their p95, the running recalculations. */
    public PremiumFigures premium() {
        return premium;
    }

    /** v2's share over the window. */
    public ReadOnlyStringProperty v2ShareNowProperty() {
        return v2ShareNow.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty v2ShareDetailProperty() {
        return v2ShareDetail.getReadOnlyProperty();
    }

    /** Whether v2's share reaches the target; {@code null} while there is no versioned traffic. */
    public ReadOnlyObjectProperty<Boolean> v2TargetMetProperty() {
        return v2TargetMet.getReadOnlyProperty();
    }

    /** Whether {@code enable_metrics} is off: the counters still run, their copies to the database do not. */
    public ReadOnlyBooleanProperty copiesOffProperty() {
        return copiesOff.getReadOnlyProperty();
    }

    /** Whether this process serves HTTP at all. */
    public boolean listening() {
        return listening;
    }

    /** Why the last reading failed, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Whether the user may see the metrics (the {@code METRICS} permission, as {@code /metrics} asks). */
    public BooleanBinding allowedProperty() {
        return allowed;
    }

    /** Why not, or empty. */
    public StringBinding whyNotProperty() {
        return whyNot;
    }
}
