package io.timetravel.gui.snapshots;

import io.timetravel.domain.HashChain;
import io.timetravel.domain.Snapshot;
import io.timetravel.domain.access.Caller;
import io.timetravel.gui.Messages;
import io.timetravel.gui.WorkbenchAccess;
import io.timetravel.service.AccessDeniedException;
import io.timetravel.service.Disclosure;
import io.timetravel.service.SnapshotExport;
import io.timetravel.service.SnapshotService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.DoubleConsumer;

/**
 * Exports a completed snapshot to a file: the caller's right to its personal data settled (and
 * access-logged) first, the sealed file streamed to the target with its SHA-256 computed while
 * writing, then the written file read back and both digests checked against the one recorded
 * when the snapshot was sealed ({@link ExportCheck}).
 */
final class SnapshotExporter {

    private static final int BUFFER = 64 * 1024;

    private final SnapshotService snapshots;
    private final WorkbenchAccess access;

    SnapshotExporter(SnapshotService snapshots, WorkbenchAccess access) {
        this.snapshots = snapshots;
        this.access = access;
    }

    /**
     * Exports {@code snapshot} to {@code target} as {@code caller}; {@code progress} hears the share
     * written (0 to 1) each time it passes a whole percent. On a background thread.
     */
    ExportCheck export(Caller caller, Snapshot snapshot, Path target, DoubleConsumer progress) {
        long id = snapshot.id();
        // A file taken unmasked holds personal data as stored: only a user who may see it gets it,
        // and the access log records that before a byte is written (as the API's download does).
        Disclosure disclosure = access.disclosure(caller, "snapshot export");
        if (!snapshot.masked()) {
            if (disclosure.masks()) {
                throw new AccessDeniedException(Messages.get("snapshots.exportNeedsPii"));
            }
            disclosure.everyPersonalField(snapshots.recordIds(id));
        }
        disclosure.settle().join();
        SnapshotExport export = snapshots.export(id);
        String written = copy(export, target, progress);
        String readBack = sha256(target);
        long bytes;
        try {
            bytes = Files.size(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ExportCheck(id, target, bytes, export.sha256(), written, readBack);
    }

    /** Copies the sealed file to {@code target}, reporting progress; returns the SHA-256 of the bytes written. */
    private static String copy(SnapshotExport export, Path target, DoubleConsumer progress) {
        MessageDigest digest = HashChain.sha256();
        long total = Math.max(1, export.byteSize());
        try (InputStream in = Files.newInputStream(export.file());
             OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
            byte[] buffer = new byte[BUFFER];
            long done = 0;
            int shownPercent = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                done += read;
                int percent = (int) Math.min(100, done * 100 / total);
                if (percent != shownPercent) {
                    shownPercent = percent;
                    progress.accept(percent / 100.0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.get("snapshots.exportIo", target, e.getMessage()), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of a file as it is on disk now. */
    static String sha256(Path file) {
        MessageDigest digest = HashChain.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.get("snapshots.exportIo", file, e.getMessage()), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
