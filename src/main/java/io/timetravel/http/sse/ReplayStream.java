package io.timetravel.http.sse;

import io.timetravel.domain.RecordVersion;
import io.timetravel.http.HttpJson;
import io.timetravel.http.StreamBody;
import io.timetravel.http.v2.RecordBody;
import io.timetravel.http.v2.RecordsApi;
import io.timetravel.service.Disclosure;
import io.timetravel.service.RecordReplay;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a record's replay as server-sent events: {@code event: version}, the id of the event
 * that wrote the version, and the v2 record body of that version; then the stream ends.
 */
final class ReplayStream implements StreamBody {

    static final String EVENT = "version";

    private final RecordReplay replay;
    private final Disclosure disclosure;

    ReplayStream(RecordReplay replay, Disclosure disclosure) {
        this.replay = replay;
        this.disclosure = disclosure;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        SseWriter sse = new SseWriter(out);
        List<RecordReplay.Step> steps;
        while (!(steps = replay.next()).isEmpty()) {
            List<RecordVersion> shown = new ArrayList<>(steps.size());
            for (RecordReplay.Step step : steps) {
                shown.add(RecordsApi.shown(disclosure, step.version()));
            }
            // What this page discloses is on record before any of it is sent.
            disclosure.settle().join();
            for (int i = 0; i < steps.size(); i++) {
                sse.event(steps.get(i).eventId(), EVENT, HttpJson.text(RecordBody.of(shown.get(i))));
                sse.flush();
            }
        }
    }

    @Override
    public void close() {
        replay.close();
    }
}
