package io.timetravel.storage;

import io.timetravel.domain.HashChain;
import io.timetravel.service.SnapshotFiles;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Snapshot files as gzip-compressed NDJSON in one folder (next to the database). A file is
 * written under a temporary name while its SHA-256 is computed over the bytes as they go to disk,
 * then flushed to disk, renamed into place and made read-only: a file under its final name is
 * always whole.
 */
public final class GzipSnapshotFiles implements SnapshotFiles {

    private static final String SUFFIX = ".ndjson.gz";
    private static final String DRAFT_SUFFIX = ".part";
    private static final int BUFFER = 64 * 1024;
    private static final System.Logger LOG = System.getLogger(GzipSnapshotFiles.class.getName());

    private final Path directory;

    public GzipSnapshotFiles(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** The snapshot folder of a database file: {@code snapshots/} beside it. */
    public static GzipSnapshotFiles beside(Path databaseFile) {
        Path parent = databaseFile.toAbsolutePath().normalize().getParent();
        return new GzipSnapshotFiles(parent.resolve("snapshots"));
    }

    public Path directory() {
        return directory;
    }

    @Override
    public Draft create(long snapshotId) throws IOException {
        OwnerOnlyFiles.createFolder(directory);
        Path target = directory.resolve("snapshot-" + snapshotId + SUFFIX);
        if (Files.exists(target)) {
            // Sealed by an attempt that could not record it: this attempt writes it again.
            deleteReadOnly(target);
        }
        return new GzipDraft(target, directory.resolve(target.getFileName() + DRAFT_SUFFIX));
    }

    /**
     * The file a snapshot row names, looked up by its name in this folder: the path comes from the
     * database, so nothing outside the folder is ever read, and a folder moved (a database copied
     * to PostgreSQL, a server whose data folder is mounted elsewhere) still finds its files.
     */
    @Override
    public Optional<Path> find(String file) {
        return inFolder(file).filter(Files::isRegularFile);
    }

    @Override
    public void delete(String file) throws IOException {
        // The path comes from the database: never delete anything outside the snapshot folder.
        deleteReadOnly(inFolder(file).orElseThrow(() -> new IOException("not a snapshot file: " + file)));
    }

    /** {@code file}'s name in this folder, when it is a snapshot file's name. */
    private Optional<Path> inFolder(String file) {
        if (file == null) {
            return Optional.empty();
        }
        Path name;
        try {
            name = Path.of(file).getFileName();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        if (name == null || !name.toString().startsWith("snapshot-") || !name.toString().endsWith(SUFFIX)) {
            return Optional.empty();
        }
        return Optional.of(directory.resolve(name.toString()));
    }

    @Override
    public void discardDrafts() throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> drafts = Files.newDirectoryStream(directory, "*" + SUFFIX + DRAFT_SUFFIX)) {
            for (Path draft : drafts) {
                Files.deleteIfExists(draft);
            }
        }
    }

    private static void deleteReadOnly(Path path) throws IOException {
        if (Files.exists(path)) {
            // Windows refuses to delete read-only files; elsewhere this changes nothing that matters.
            path.toFile().setWritable(true, true);
            Files.deleteIfExists(path);
        }
    }

    /** One file being written: text → gzip → digest → file. */
    private static final class GzipDraft implements Draft {

        private final Path target;
        private final Path temp;
        private final FileOutputStream file;
        private final MessageDigest digest = HashChain.sha256();
        private final GZIPOutputStream gzip;
        private final Writer text;
        private boolean sealed;

        GzipDraft(Path target, Path temp) throws IOException {
            this.target = target;
            this.temp = temp;
            // Snapshots hold personal data: owner-only, like the database.
            Files.deleteIfExists(temp);
            OwnerOnlyFiles.createFile(temp);
            this.file = new FileOutputStream(temp.toFile());
            OutputStream digested = new DigestOutputStream(new BufferedOutputStream(file, BUFFER), digest);
            try {
                this.gzip = new GZIPOutputStream(digested, BUFFER);
            } catch (IOException e) {
                file.close();
                Files.deleteIfExists(temp);
                throw e;
            }
            this.text = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), BUFFER);
        }

        @Override
        public void writeLine(String line) throws IOException {
            text.write(line);
            text.write('\n');
        }

        @Override
        public Sealed seal() throws IOException {
            text.flush();
            gzip.finish();
            gzip.flush();
            file.getFD().sync();
            file.close();
            String sha256 = HexFormat.of().formatHex(digest.digest());
            long size = Files.size(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (!target.toFile().setReadOnly()) {
                LOG.log(System.Logger.Level.WARNING, "cannot make " + target + " read-only");
            }
            syncDirectory(target.getParent());
            sealed = true;
            return new Sealed(target.toString(), size, sha256);
        }

        /** Makes the rename durable where the platform allows opening a folder (not on Windows). */
        private static void syncDirectory(Path folder) {
            try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException e) {
                // Not supported here: the rename is as durable as the platform makes it.
            }
        }

        @Override
        public void close() {
            if (sealed) {
                return;
            }
            try {
                text.close();
            } catch (IOException e) {
                // Discarding the draft anyway.
            }
            try {
                file.close();
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete unfinished snapshot file " + temp + ": " + e.getMessage());
            }
        }
    }
}
