package io.timetravel.app.bench;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the installed server runs: the JVM options of its launcher
 * ({@code packaging/timetravel-server.properties}) and the environment its service unit gives it
 * ({@code packaging/linux/timetravel-server.service}). The benchmark measures a server run so,
 * unless told other options (docs/decisions/0032, 0043 and 0046).
 */
public final class InstalledServer {

    /** A 128 MB heap, serial collection, bounded metadata, code and stacks, and native memory given back every second. */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=96m",
            "-XX:ReservedCodeCacheSize=48m", "-Xss512k", "-XX:TrimNativeHeapInterval=1000");
    /** glibc's allocator keeps two arenas rather than one for each thread that allocates at once. */
    public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    private InstalledServer() {
    }

    /** {@link #ENVIRONMENT} as {@code NAME=value}, separated by spaces. */
    public static String environment() {
        return ENVIRONMENT.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(" "));
    }
}
