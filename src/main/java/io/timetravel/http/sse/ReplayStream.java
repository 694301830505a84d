package io.timetravel.http.sse;

import io.timetravel.http.StreamBody;
import io.timetravel.http.v2.RecordBody;
import io.timetravel.service.RecordReplay;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes a record's replay as server-sent events: {@code event: version}, the id of the event
 * that wrote the version, and the v2 record body of that version; then the stream ends.
 */
final class ReplayStream implements StreamBody {

    static final String EVENT = "version";

    private final RecordReplay replay;

    ReplayStream(RecordReplay replay) {
        this.replay = replay;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        SseWriter sse = new SseWriter(out);
        StringBuilder data = new StringBuilder(1024);
        List<RecordReplay.Step> steps;
        while (!(steps = replay.next()).isEmpty()) {
            for (RecordReplay.Step step : steps) {
                data.setLength(0);
                RecordBody.of(step.version()).writeJson(data);
                sse.event(step.eventId(), EVENT, data);
                sse.flush();
            }
        }
    }

    @Override
    public void close() {
        replay.close();
    }
}
