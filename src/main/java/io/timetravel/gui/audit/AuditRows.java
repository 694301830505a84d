package io.timetravel.gui.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import javafx.collections.ObservableListBase;

/**
 * The audit entries a filter selects, newest first, as a list the table can show without holding
 * them: its size is the number of matches, and only pages the table asks for are read. Pages
 * come from a fixed window (the entries that matched when the list was read, by id), so they do
 * not shift when entries are appended; entries that arrive later are kept in front of them. At
 * most {@link #MAX_PAGES} pages are held; the least recently shown are dropped and read again if
 * scrolled back to. FX thread only.
 */
public final class AuditRows extends ObservableListBase<AuditRow> {

    /** Pages held at once: with pages of 100, a few thousand rows whatever the trail's length. */
    static final int MAX_PAGES = 40;

    private final int pageSize;
    private final IntConsumer pageWanted;
    private final List<AuditRow> newer = new ArrayList<>();
    private final Map<Integer, List<AuditRow>> pages = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<AuditRow>> eldest) {
            return size() > MAX_PAGES;
        }
    };
    private int windowSize;

    /**
     * @param pageWanted asked for a page of the window (0 = newest) the first time a row of it is
     *                   shown and whenever it was dropped; answer with {@link #pageLoaded}
     */
    public AuditRows(int pageSize, IntConsumer pageWanted) {
        this.pageSize = pageSize;
        this.pageWanted = pageWanted;
    }

    @Override
    public AuditRow get(int index) {
        if (index < newer.size()) {
            return newer.get(index);
        }
        int inWindow = index - newer.size();
        if (inWindow < 0 || inWindow >= windowSize) {
            throw new IndexOutOfBoundsException(index);
        }
        int page = inWindow / pageSize;
        List<AuditRow> rows = pages.get(page);
        if (rows == null || inWindow % pageSize >= rows.size()) {
            pageWanted.accept(page);
            // Work run at once (as in tests) has already filled it in.
            return peek(index);
        }
        return rows.get(inWindow % pageSize);
    }

    /** Without touching pages, so that asking does not load: the row at {@code index} if held. */
    public AuditRow peek(int index) {
        if (index < newer.size()) {
            return newer.get(index);
        }
        int inWindow = index - newer.size();
        List<AuditRow> rows = pages.get(inWindow / pageSize);
        return rows == null || inWindow % pageSize >= rows.size() ? AuditRow.PENDING : rows.get(inWindow % pageSize);
    }

    @Override
    public int size() {
        return newer.size() + windowSize;
    }

    /** Starts over with a window of {@code size} entries, its first page already read (may be empty). */
    public void reset(int size, List<AuditRow> firstPage) {
        int old = size();
        List<AuditRow> removed = old == 0 ? List.of() : new ArrayList<>(Collections.nCopies(old, AuditRow.PENDING));
        newer.clear();
        pages.clear();
        windowSize = size;
        if (!firstPage.isEmpty()) {
            pages.put(0, List.copyOf(firstPage));
        }
        beginChange();
        if (old > 0) {
            nextRemove(0, removed);
        }
        if (size > 0) {
            nextAdd(0, size);
        }
        endChange();
    }

    /** Fills in page {@code page} of the window; the table redraws its rows. */
    public void pageLoaded(int page, List<AuditRow> rows) {
        pages.put(page, List.copyOf(rows));
        int from = newer.size() + page * pageSize;
        int to = Math.min(from + rows.size(), size());
        if (from >= to) {
            return;
        }
        beginChange();
        for (int i = from; i < to; i++) {
            nextUpdate(i);
        }
        endChange();
    }

    /** Puts entries that arrived after the window was read in front, newest first. */
    public void prepend(List<AuditRow> arrived) {
        if (arrived.isEmpty()) {
            return;
        }
        newer.addAll(0, arrived);
        beginChange();
        nextAdd(0, arrived.size());
        endChange();
    }

    /** How many entries arrived after the window was read. */
    public int newerCount() {
        return newer.size();
    }

    /** The newest entry's id among those held in front, or {@code -1}. */
    public long newestArrivedId() {
        return newer.isEmpty() ? -1 : newer.get(0).id();
    }

    /** Which page of the window holds list index {@code index}, or -1 when it is one of the newer entries. */
    public int pageOf(int index) {
        return index < newer.size() ? -1 : (index - newer.size()) / pageSize;
    }

    /** How many pages are held now (never more than {@link #MAX_PAGES}). */
    public int pagesHeld() {
        return pages.size();
    }
}
