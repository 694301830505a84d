package io.timetravel.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** What machine a benchmark ran on, for its report: cores, JVM, operating system and memory. */
final class MachineFacts {

    private MachineFacts() {
    }

    /** {@code cores}, {@code jvm}, {@code os} and, where /proc tells, {@code memory_mb}. */
    static Map<String, String> describe() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        memTotal().ifPresent(kb -> machine.put("memory_mb", Long.toString(kb / 1024)));
        return machine;
    }

    private static OptionalLong memTotal() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(line -> line.startsWith("MemTotal:")).mapToLong(line -> ProcStatus.parse(line.substring(9)))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
