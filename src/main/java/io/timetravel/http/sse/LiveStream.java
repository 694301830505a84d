package io.timetravel.http.sse;

import io.timetravel.domain.EventLogEntry;
import io.timetravel.http.HttpJson;
import io.timetravel.http.StreamBody;
import io.timetravel.service.Disclosure;
import io.timetravel.service.LiveSubscription;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Writes a live subscription as server-sent events, one per change, with a keep-alive comment
 * whenever nothing happened for a heartbeat interval. Each batch is shown as the caller may see
 * it at that moment (a new field policy or a withdrawn pii grant applies at once), and the
 * stream ends as soon as the caller's access ends (a revoked token, a disabled user).
 */
final class LiveStream implements StreamBody {

    /** How long an EventSource waits before reconnecting (with Last-Event-ID) after a break. */
    private static final long RETRY_MILLIS = 2000;
    /** How often a quiet stream asks whether its caller may still read: revocation ends it within this. */
    static final Duration ACCESS_CHECK = Duration.ofMillis(500);

    private final LiveSubscription subscription;
    private final Duration heartbeat;
    private final Supplier<Optional<Disclosure>> disclosures;

    /**
     * @param disclosures a disclosure to the caller as it is now (current roles, pii grant and
     *                    field policies), or empty once the caller's access has ended
     */
    LiveStream(LiveSubscription subscription, Duration heartbeat, Supplier<Optional<Disclosure>> disclosures) {
        this.subscription = subscription;
        this.heartbeat = heartbeat;
        this.disclosures = disclosures;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException, InterruptedException {
        SseWriter sse = new SseWriter(out);
        sse.retry(RETRY_MILLIS).flush();
        Duration wait = heartbeat.compareTo(ACCESS_CHECK) < 0 ? heartbeat : ACCESS_CHECK;
        long lastWrite = System.nanoTime();
        List<EventLogEntry> events;
        while ((events = subscription.next(wait)) != null) {
            Optional<Disclosure> current = disclosures.get();
            if (current.isEmpty()) {
                // The client must not reconnect with the same credentials and expect more.
                sse.comment("access ended");
                sse.flush();
                return;
            }
            if (events.isEmpty()) {
                if (System.nanoTime() - lastWrite >= heartbeat.toNanos()) {
                    // Also how a vanished client is noticed: this write fails and the stream ends.
                    sse.comment("keep-alive");
                    sse.flush();
                    lastWrite = System.nanoTime();
                }
                continue;
            }
            Disclosure disclosure = current.get();
            List<EventLogEntry> shown = new ArrayList<>(events.size());
            for (EventLogEntry entry : events) {
                shown.add(disclosure.event(entry));
            }
            // What this batch discloses is on record before any of it is sent.
            disclosure.settle().join();
            for (EventLogEntry entry : shown) {
                sse.event(entry.id(), entry.eventType(), HttpJson.text(new EventBody(entry)));
            }
            // One flush per batch: the events of a batch were committed together.
            sse.flush();
            lastWrite = System.nanoTime();
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
