package io.timetravel.gui.record;

import io.timetravel.domain.RecordVersion;
import java.util.Set;

/** The changes an underwriter starts from the record pane: each opens its dialog. */
public interface RecordActions {

    /**
     * Edit fields of {@code current} (the record's current state as the user sees it); the
     * {@code masked} top-level fields are shown masked and stay as they are.
     */
    void edit(RecordVersion current, Set<String> masked);

    /**
     * Restore a past state of the record whose current state is {@code current} and that has
     * {@code versions} versions, offering {@code suggested} first.
     */
    void restore(RecordVersion current, long versions, RestoreSuggestion suggested);
}
