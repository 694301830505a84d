package io.timetravel.gui.audit;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.access.Caller;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.service.AuditQuery;
import io.timetravel.service.AuditService;
import io.timetravel.service.Disclosure;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Writes the audit entries a query selects to a CSV file, streamed from the database a page at a
 * time (memory stays flat for any number of entries), into a temporary file beside the target
 * that is moved into place only when complete: a cancelled or failed export leaves no partial
 * file, and never a half-overwritten old one. Background thread only.
 */
public final class AuditExport {

    /** Entries read per query. */
    static final int PAGE = 1_000;
    /** The view's name in the access log ("desktop audit export"). */
    static final String VIEW = "audit export";

    /** What an export did: how many entries it wrote where, or that it was cancelled. */
    public record Outcome(long entries, Path file, boolean cancelled) {
    }

    private final AuditService audit;
    private final WorkbenchAccess access;

    public AuditExport(AuditService audit, WorkbenchAccess access) {
        this.audit = audit;
        this.access = access;
    }

    /**
     * Exports the entries matching {@code query}'s filters for {@code caller} to {@code target}.
     *
     * @param progress told (written, total) after each page
     * @param cancel   set to stop: the temporary file is deleted and nothing is moved into place
     */
    public Outcome run(AuditQuery query, Caller caller, Path target, BiConsumer<Long, Long> progress, AtomicBoolean cancel) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        AuditQuery filters = query.filtersOnly();
        long total = audit.count(filters);
        progress.accept(0L, total);
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".part");
            Disclosure disclosure = access.disclosure(caller, VIEW);
            long written = 0;
            try (BufferedWriter writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                AuditCsv csv = new AuditCsv(writer, disclosure);
                csv.header();
                Iterator<List<AuditEntry>> pages = audit.pages(filters, PAGE);
                while (pages.hasNext()) {
                    if (cancel.get()) {
                        break;
                    }
                    for (AuditEntry entry : pages.next()) {
                        csv.entry(entry);
                        written++;
                    }
                    progress.accept(written, Math.max(total, written));
                }
            }
            if (cancel.get()) {
                Files.deleteIfExists(temp);
                return new Outcome(written, absolute, true);
            }
            // Unmasked personal data is on its way out: the access is logged before the file is there.
            disclosure.settle().join();
            move(temp, absolute);
            return new Outcome(written, absolute, false);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot write " + absolute + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the export already failed; its message says why
        }
    }
}
