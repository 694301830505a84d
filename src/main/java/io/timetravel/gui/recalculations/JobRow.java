package io.timetravel.gui.recalculations;

import io.timetravel.domain.premium.Recalculation;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import java.time.ZoneId;

/**
 * A recalculation job as the jobs table lists it.
 *
 * @param progress the share of records gone through, 0 to 1 (-1 while a running job's total is unknown)
 */
public record JobRow(Recalculation job, String statusText, String requestedAt, String at, String asOf, String engines,
                     double progress, String progressText) {

    static JobRow of(Recalculation job, ZoneId zone) {
        double progress = job.total() > 0 ? Math.min(1, (double) job.processed() / job.total())
                : job.status().finished() ? 1 : -1;
        return new JobRow(job, Messages.get("recalc.status." + job.status().text()), Formats.localTime(job.requestedAt(), zone),
                Formats.localMinutes(job.validAt(), zone), Formats.localMinutes(job.knownAt(), zone),
                String.join(", ", job.engines()), progress,
                Messages.get("recalc.progress", Formats.exactNumber(Long.toString(job.processed())),
                        Formats.exactNumber(Long.toString(job.total()))));
    }

    public long id() {
        return job.id();
    }

    public boolean running() {
        return !job.status().finished();
    }
}
