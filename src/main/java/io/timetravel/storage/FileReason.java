package io.timetravel.storage;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why a file operation failed, in the words an operator reads after "cannot ... PATH: ":
 * "permission denied", "/srv/x is a file, not a folder", "no such folder /srv/y", "read-only
 * file system". The JDK's own messages are a path, or a path and the system's reason.
 */
public final class FileReason {

    private FileReason() {
    }

    /**
     * The reason {@code e} says, naming the file it concerns when that is not {@code path}; for
     * what is not an I/O failure (a file of the wrong content), its message.
     */
    public static String of(Exception e, Path path) {
        if (e instanceof FileSystemException failure) {
            Path file = failure.getFile() == null ? null : Path.of(failure.getFile());
            String other = file == null || file.equals(path) ? "" : " (" + file + ")";
            if (e instanceof AccessDeniedException) {
                return "permission denied" + other;
            }
            if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
                return blocker(file != null ? file : path);
            }
            if (e instanceof NoSuchFileException) {
                Path parent = file == null ? null : file.toAbsolutePath().getParent();
                return parent != null && !Files.isDirectory(parent) ? "no such folder " + parent : "no such file" + other;
            }
            String reason = failure.getReason();
            if (reason != null && !reason.isBlank()) {
                String lower = lowerFirst(reason);
                return lower.equals("not a directory") && file != null ? blocker(file) : lower + other;
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : lowerFirst(message);
    }

    /**
     * What stands in the way of a folder at {@code path}: the first of it and its parents that
     * exists and is not a folder.
     */
    private static String blocker(Path path) {
        for (Path at = path.toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.exists(at, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(at)) {
                return at + " is a file, not a folder";
            }
        }
        return "not a folder";
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }
}
