package io.timetravel.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Figures of a process from Linux's {@code /proc/PID/status}, e.g. {@code VmHWM:   123456 kB}. */
final class ProcStatus {

    private ProcStatus() {
    }

    /** The field's value in kB, or empty when there is no such process, file or field. */
    static OptionalLong kilobytes(long pid, String field) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field + ":")) {
                    return OptionalLong.of(parse(line.substring(field.length() + 1)));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** {@code "  123456 kB"} → 123456. */
    static long parse(String value) {
        String number = value.trim();
        int space = number.indexOf(' ');
        return Long.parseLong(space < 0 ? number : number.substring(0, space));
    }
}
