package io.timetravel.gui.records;

import io.timetravel.domain.Ids;
import io.timetravel.domain.access.Caller;
import io.timetravel.gui.LatestOnly;
import io.timetravel.gui.Messages;
import io.timetravel.gui.RecordViewContext;
import io.timetravel.service.AccessDeniedException;
import io.timetravel.service.Disclosure;
import io.timetravel.service.RecordQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The record list: search text, region filter, the matching rows and a line about them. It follows
 * the API's list ({@code GET /api/v2/records}) through a {@link Disclosure}: when a field a name is
 * read from (or the region) is personal and the user lacks {@code pii}, the list shows it masked,
 * searches by record id only and offers no region filter, since a name search or a region filter
 * would tell what the mask hides; a user with {@code pii} sees them, and each page that shows them
 * is recorded in the access log.
 */
public final class RecordsViewModel {

    /** Rows per query: the first page shows at once, the rest follow in the background. */
    static final int PAGE_SIZE = 1000;
    /** The view's name in the access log ("desktop records"). */
    static final String VIEW = "records";

    private final RecordViewContext context;
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<String> region = new SimpleObjectProperty<>();
    private final ObservableList<String> regions = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper regionsMasked = new ReadOnlyBooleanWrapper();
    private final ObservableList<RecordRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final Set<Long> changed = new TreeSet<>();
    private long total;
    private final LatestOnly reads;
    /** The search text and region of the rows shown (or loading). */
    private String listedSearch;
    private String listedRegion;
    /** Set by {@link #openFirstMatch} while the rows for a new search are loading: open the first when they arrive. */
    private boolean openFirstWhenLoaded;

    public RecordsViewModel(RecordViewContext context) {
        this.context = context;
        this.reads = new LatestOnly(context.tasks());
        // Another user: other rules, and the access log must name whoever the rows are shown to.
        context.state().callerProperty().addListener((observable, old, caller) -> {
            if (!Objects.equals(old, caller)) {
                refresh();
            }
        });
    }

    /** Rows of one query as the user may see them; {@code nameSearchRefused} when the text was a name the user may not search by. */
    private record Listed(List<RecordRow> rows, long total, boolean nameSearchRefused) {
    }

    /** The regions the filter offers; {@code masked} (and none offered) when regions are masked for the user. */
    private record RegionChoices(List<String> regions, boolean masked) {
    }

    /** One page of {@code query} for {@code caller}, its access recorded before it is shown. Background thread. */
    private Listed list(RecordQuery query, Caller caller) {
        return context.access().disclose(caller, VIEW, disclosure -> list(query, disclosure));
    }

    private Listed list(RecordQuery query, Disclosure disclosure) {
        // The region filter is left out rather than refused: the drop-down offers none, and a value
        // chosen before the user changed must not keep answering for the new one.
        RecordQuery asked = disclosure.masksRegions()
                ? new RecordQuery(query.text(), null, query.limit(), query.offset(), query.ids()) : query;
        try {
            disclosure.checkSearch(asked);
        } catch (AccessDeniedException refused) {
            return new Listed(List.of(), 0, true);
        }
        if (asked.text() != null && disclosure.masksNames()) {
            // The text is a record id (checkSearch refuses anything else). Ask by id alone: the
            // text also matches parts of names, and names holding those digits would answer.
            long id = Ids.parsePositiveLong(asked.text());
            if (asked.ids() != null && !asked.ids().contains(id)) {
                return new Listed(List.of(), 0, false);
            }
            asked = new RecordQuery(null, asked.region(), asked.limit(), asked.offset(), Set.of(id));
        }
        var page = context.records().list(asked);
        return new Listed(page.items().stream().map(summary -> RecordRow.of(summary, context.zone(), disclosure)).toList(),
                page.total(), false);
    }

    private RegionChoices regionChoices(Caller caller) {
        return context.access().disclose(caller, VIEW, disclosure -> disclosure.masksRegions()
                ? new RegionChoices(List.of(), true) : new RegionChoices(context.records().regions(), false));
    }

    /** Reloads the regions the filter offers, dropping a chosen one that is no longer offered. */
    private void loadRegions() {
        Caller caller = context.state().caller();
        context.tasks().run(() -> regionChoices(caller), choices -> {
            if (!caller.equals(context.state().caller())) {
                return; // another user's choices: theirs are on the way
            }
            regionsMasked.set(choices.masked());
            String selected = region.get();
            // Replacing a combo box's items clears its value, and with it the filter the user
            // just chose: touch the list only when the regions really differ, and keep the choice.
            if (!regions.equals(choices.regions())) {
                regions.setAll(choices.regions());
            }
            region.set(selected != null && choices.regions().contains(selected) ? selected : null);
        }, failure -> { });
    }

    /** The row of a record id in the current list, if shown. */
    public java.util.Optional<RecordRow> row(long id) {
        return rows.stream().filter(row -> row.id() == id).findFirst();
    }

    /**
     * Loads the rows for the current search and filter: the first page at once, then the rest
     * page by page in the background (the table only draws the rows in view, so even 100,000 stay
     * responsive). A load started earlier stops as soon as a newer one begins.
     */
    public void refresh() {
        reads.supersede();
        changed.clear(); // the full load reads them anyway
        String text = search.get();
        String regionFilter = region.get();
        listedSearch = text;
        listedRegion = regionFilter;
        loading.set(true);
        loadPage(text, regionFilter, 0);
        loadRegions();
    }

    private void loadPage(String text, String regionFilter, int offset) {
        RecordQuery query = new RecordQuery(text, regionFilter, PAGE_SIZE, offset);
        Caller caller = context.state().caller();
        reads.more(() -> list(query, caller), page -> {
            List<RecordRow> loaded = page.rows();
            if (offset == 0) {
                rows.setAll(loaded);
                if (openFirstWhenLoaded) {
                    openFirstWhenLoaded = false;
                    openFirst();
                }
            } else {
                rows.addAll(loaded);
            }
            total = page.total();
            boolean more = !loaded.isEmpty() && offset + loaded.size() < page.total();
            summary.set(page.nameSearchRefused() ? Messages.get("records.nameSearchMasked")
                    : more ? Messages.get("records.summaryPartial", rows.size(), page.total())
                    : Messages.get("records.summary", page.total()));
            if (more) {
                loadPage(text, regionFilter, offset + loaded.size());
            } else {
                loading.set(false);
                applyChanges(); // those that arrived while the list was loading
            }
        }, failure -> {
            loading.set(false);
            summary.set(Messages.get("records.loadFailed", failure.getMessage()));
        });
    }

    /**
     * Opens the first record that matches the search (Enter in the search box): at once when the
     * rows shown are those of the text typed, else as soon as they have loaded.
     */
    public void openFirstMatch() {
        if (!Objects.equals(listedSearch, search.get()) || !Objects.equals(listedRegion, region.get())) {
            refresh();
            openFirstWhenLoaded = true;
            if (!loading.get()) { // loaded already (inline tasks)
                openFirstWhenLoaded = false;
                openFirst();
            }
            return;
        }
        openFirst();
    }

    private void openFirst() {
        if (!rows.isEmpty()) {
            context.state().selectedRecordProperty().set(rows.get(0).id());
        }
    }

    /**
     * Makes sure the record selected elsewhere ({@code WorkspaceState.openRecord}) can be shown in
     * the list: when the list is complete and does not hold it, the search and the region filter
     * that hide it are cleared and the list reloads. Returns whether it is in the list now.
     */
    public boolean reveal(long id) {
        if (row(id).isPresent()) {
            return true;
        }
        if (!loading.get() && (!search.get().isEmpty() || region.get() != null)) {
            search.set("");
            region.set(null);
            refresh();
        }
        return row(id).isPresent();
    }

    /** Notes that a record changed (here or elsewhere); {@link #applyChanges} brings it into the list. */
    public void recordChanged(long id) {
        changed.add(id);
    }

    /**
     * Brings the noted changes into the list: only those records are read again, under the
     * current search and filter, and their rows replaced, inserted in id order, or dropped when
     * they no longer match. A full reload of 100,000 rows for each change would never finish
     * under a steady stream of writes. While a full load is running the changes wait for its end.
     */
    public void applyChanges() {
        if (changed.isEmpty() || loading.get()) {
            return;
        }
        if (changed.size() > PAGE_SIZE) {
            refresh();
            return;
        }
        Set<Long> ids = new TreeSet<>(changed);
        changed.clear();
        RecordQuery query = new RecordQuery(search.get(), region.get(), PAGE_SIZE, 0).onlyIds(ids);
        Caller caller = context.state().caller();
        // Dropped when a newer full load starts: it covers these.
        reads.more(() -> list(query, caller), page -> {
            Map<Long, RecordRow> fresh = new HashMap<>();
            page.rows().forEach(row -> fresh.put(row.id(), row));
            ids.forEach(id -> merge(id, fresh.get(id)));
            summary.set(Messages.get("records.summary", total));
        }, failure -> summary.set(Messages.get("records.loadFailed", failure.getMessage())));
        loadRegions();
    }

    /** Replaces, inserts (rows are in id order) or drops ({@code fresh} null) the row of {@code id}. */
    private void merge(long id, RecordRow fresh) {
        int low = 0;
        int high = rows.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long at = rows.get(middle).id();
            if (at < id) {
                low = middle + 1;
            } else if (at > id) {
                high = middle - 1;
            } else {
                if (fresh == null) {
                    rows.remove(middle);
                    total--;
                } else {
                    rows.set(middle, fresh);
                }
                return;
            }
        }
        if (fresh != null) {
            rows.add(low, fresh);
            total++;
        }
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<String> regionProperty() {
        return region;
    }

    /** The regions to filter by; none when {@link #regionsMaskedProperty() regions are masked} for the user. */
    public ObservableList<String> regions() {
        return regions;
    }

    /** Whether regions are masked for the user, so the list offers and applies no region filter. */
    public ReadOnlyBooleanProperty regionsMaskedProperty() {
        return regionsMasked.getReadOnlyProperty();
    }

    public ObservableList<RecordRow> rows() {
        return rows;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }
}
