package io.timetravel.testing;

import io.timetravel.storage.DbTarget;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests, started once per JVM from the Debian package's
 * binaries ({@code /usr/lib/postgresql/N/bin}, installed by {@code .ci/run}) in a folder of its
 * own on a free port, and stopped when the JVM exits. Each test takes a database of its own with
 * {@link #freshDatabase()}.
 *
 * <p>With {@value #URL_VARIABLE} set to the URL of a server where the user may create databases
 * ({@code jdbc:postgresql://127.0.0.1:5432/postgres?user=tt}) that server is used instead.
 *
 * <p>PostgreSQL refuses to run as root, so as root (as CI runs) the server runs as the package's
 * {@code postgres} user, in a folder that user owns.
 */
public final class PostgresServer {

    /** An existing server to use instead of starting one: a JDBC URL whose user may create databases. */
    public static final String URL_VARIABLE = "TIMETRAVEL_TEST_PG";
    private static final String USER = "tt";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer instance;

    private final String adminUrl;
    private final String host;
    private final int port;

    private PostgresServer(String adminUrl, String host, int port) {
        this.adminUrl = adminUrl;
        this.host = host;
        this.port = port;
    }

    /** The server, started on first use. */
    public static synchronized PostgresServer get() {
        if (instance == null) {
            String given = System.getenv(URL_VARIABLE);
            instance = given != null && !given.isBlank() ? existing(given) : start();
        }
        return instance;
    }

    /** A new, empty database on the server, as the application takes it with {@code --db}. */
    public static DbTarget freshDatabase() {
        return DbTarget.parse(get().createDatabase(), Map.of());
    }

    /** Creates a new empty database and returns its JDBC URL (with its user). */
    public String createDatabase() {
        String name = "tt_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(adminUrl); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + adminUrl + ": " + e.getMessage(), e);
        }
        return "jdbc:postgresql://" + host + ":" + port + "/" + name + "?user=" + userOf(adminUrl);
    }

    public int port() {
        return port;
    }

    private static String userOf(String url) {
        int at = url.indexOf("user=");
        if (at < 0) {
            return USER;
        }
        int end = url.indexOf('&', at);
        return url.substring(at + 5, end < 0 ? url.length() : end);
    }

    private static PostgresServer existing(String url) {
        String rest = url.substring("jdbc:postgresql://".length());
        String hostPort = rest.substring(0, rest.indexOf('/'));
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        int port = colon < 0 ? 5432 : Integer.parseInt(hostPort.substring(colon + 1));
        return new PostgresServer(url, host, port);
    }

    private static PostgresServer start() {
        Path bin = binaries();
        try {
            Path home = Files.createTempDirectory("timetravel-pg-");
            Path data = home.resolve("data");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                giveToPostgres(home);
            }
            int port = freePort();
            run(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
                    "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"), home.resolve("initdb.log"));
            run(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", home.resolve("server.log").toString(),
                    "-o", "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c max_connections=300"
                            + " -c shared_buffers=64MB",
                    "-w", "-t", "120", "start"), home.resolve("pg_ctl.log"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(root, bin, data, home), "postgres-stop"));
            return new PostgresServer("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER, "127.0.0.1", port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL for the tests: " + e.getMessage(), e);
        }
    }

    /** The newest installed PostgreSQL's binaries. */
    private static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(PostgresServer::major))
                    .orElseThrow(() -> new IllegalStateException("the tests need PostgreSQL's server binaries in "
                            + root + "/N/bin: install them with 'apt-get install postgresql' (.ci/run does), or set "
                            + URL_VARIABLE + " to a server's JDBC URL"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot look for PostgreSQL in " + root + ": " + e.getMessage(), e);
        }
    }

    private static int major(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void giveToPostgres(Path folder) throws IOException {
        UserPrincipalLookupService lookup = folder.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal postgres = lookup.lookupPrincipalByName("postgres");
        GroupPrincipal group = lookup.lookupPrincipalByGroupName("postgres");
        PosixFileAttributeView view = Files.getFileAttributeView(folder, PosixFileAttributeView.class);
        view.setOwner(postgres);
        view.setGroup(group);
    }

    private static void run(boolean asPostgres, List<String> command, Path log) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + tail(log));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void stop(boolean root, Path bin, Path data, Path home) {
        try {
            run(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"),
                    home.resolve("stop.log"));
        } catch (IOException e) {
            // Stopping at exit: the folder goes anyway.
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temp folder left behind.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
