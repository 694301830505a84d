package io.timetravel.gui.record;

import io.timetravel.domain.RecordVersion;

/** The changes an underwriter starts from the record pane: each opens its dialog. */
public interface RecordActions {

    /** Edit fields of {@code current} (the record's current state). */
    void edit(RecordVersion current);

    /** Restore a past state of the record whose current state is {@code current} and that has {@code versions} versions. */
    void restore(RecordVersion current, long versions);
}
