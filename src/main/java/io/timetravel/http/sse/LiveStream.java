package io.timetravel.http.sse;

import io.timetravel.service.Disclosure;
import java.util.ArrayList;
import io.timetravel.domain.EventLogEntry;
import io.timetravel.http.StreamBody;
import io.timetravel.service.LiveSubscription;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * Writes a live subscription as server-sent events, one per change, with a keep-alive comment
 * whenever nothing happened for a heartbeat interval.
 */
final class LiveStream implements StreamBody {

    /** How long an EventSource waits before reconnecting (with Last-Event-ID) after a break. */
    private static final long RETRY_MILLIS = 2000;

    private final LiveSubscription subscription;
    private final Duration heartbeat;
    private final Disclosure disclosure;

    LiveStream(LiveSubscription subscription, Duration heartbeat, Disclosure disclosure) {
        this.subscription = subscription;
        this.heartbeat = heartbeat;
        this.disclosure = disclosure;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException, InterruptedException {
        SseWriter sse = new SseWriter(out);
        sse.retry(RETRY_MILLIS).flush();
        StringBuilder data = new StringBuilder(1024);
        List<EventLogEntry> events;
        while ((events = subscription.next(heartbeat)) != null) {
            if (events.isEmpty()) {
                // Also how a vanished client is noticed: this write fails and the stream ends.
                sse.comment("keep-alive");
            }
            List<EventLogEntry> shown = new ArrayList<>(events.size());
            for (EventLogEntry entry : events) {
                shown.add(disclosure.event(entry));
            }
            // What this batch discloses is on record before any of it is sent.
            disclosure.settle().join();
            for (EventLogEntry entry : shown) {
                data.setLength(0);
                new EventBody(entry).writeJson(data);
                sse.event(entry.id(), entry.eventType(), data);
            }
            // One flush per batch: the events of a batch were committed together.
            sse.flush();
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
