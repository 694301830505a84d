package io.timetravel.app.bench;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the installed server runs: the JVM options of its launcher
 * ({@code packaging/timetravel-server.properties}) and the environment its service unit gives it
 * ({@code packaging/linux/timetravel-server.service}). The benchmark measures a server run so,
 * unless told other options (docs/decisions/0032, 0043, 0046 and 0047).
 */
public final class InstalledServer {

    /**
     * A 112 MB heap that starts at 64 MB with a 32 MB young generation, serial collection, bounded
     * metadata, code and stacks, and native memory given back every second, as one line: a
     * constant, so that {@code bench --help} can say it.
     */
    public static final String JVM_OPTIONS_LINE = "-Xmx112m -Xms64m -Xmn32m -XX:+UseSerialGC -XX:MaxMetaspaceSize=96m"
            + " -XX:ReservedCodeCacheSize=48m -Xss512k -XX:TrimNativeHeapInterval=1000";
    /** {@link #JVM_OPTIONS_LINE}, one option each. */
    public static final List<String> JVM_OPTIONS = List.of(JVM_OPTIONS_LINE.split(" "));
    /** glibc's allocator keeps two arenas rather than one for each thread that allocates at once. */
    public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    private InstalledServer() {
    }

    /** {@link #ENVIRONMENT} as {@code NAME=value}, separated by spaces. */
    public static String environment() {
        return ENVIRONMENT.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(" "));
    }
}
