package io.timetravel.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates files and folders readable by their owner only: the database (SQLite gives its WAL
 * and shared-memory files the database's permissions), snapshot exports and key files hold
 * personal data or secrets.
 */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    /** Creates {@code file} empty and owner-only if it does not exist yet; an existing file keeps its permissions. */
    public static void createFile(Path file) throws IOException {
        try {
            if (posix(file.toAbsolutePath().getParent())) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // Created before (or by another process just now): leave it as it is.
        }
    }

    /**
     * Creates {@code file} owner-only holding {@code content}, unless it exists: atomically and
     * never over an existing file, so that two processes starting at once agree on one content
     * (a key). Returns whether this call created it.
     */
    public static boolean createOnce(Path file, String content) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        Path part = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        Files.deleteIfExists(part);
        createFile(part);
        Files.writeString(part, content, StandardCharsets.US_ASCII);
        try {
            Files.createLink(file, part);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false; // the other process won; its content stands
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Creates {@code folder} (and missing parents) owner-only where it is new. */
    public static void createFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        if (folder.getParent() != null) {
            Files.createDirectories(folder.getParent());
        }
        try {
            if (posix(folder.getParent() == null ? folder.toAbsolutePath().getRoot() : folder.getParent())) {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            } else {
                Files.createDirectory(folder);
            }
        } catch (FileAlreadyExistsException e) {
            // Created meanwhile: fine.
        }
    }

    private static boolean posix(Path path) throws IOException {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileStore(existing).supportsFileAttributeView("posix");
    }
}
