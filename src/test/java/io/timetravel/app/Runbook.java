package io.timetravel.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands of the README's Runbook section as an operator would type them, so that tests run
 * exactly what the README shows: {@code sqlite3 ...} lines and {@code java -jar ... flags ...}
 * lines, each with the output the README shows below it ({@code # ...} lines).
 */
record Runbook(List<Command> commands) {

    /** The database path the README uses, replaced by the test's. */
    static final String README_DATABASE = "db/timetravel.db";
    private static final String JAR = "java -jar target/timetravel.jar ";

    /**
     * One command line.
     *
     * @param words  as the shell would split it (double quotes only; {@code #} starts a comment)
     * @param output the lines the README shows it printing
     */
    record Command(List<String> words, List<String> output) {

        boolean isSqlite() {
            return words.get(0).equals("sqlite3");
        }

        /** The words with the README's database replaced by {@code database}. */
        List<String> on(Path database) {
            return words.stream().map(word -> word.equals(README_DATABASE) ? database.toString() : word).toList();
        }

        /** The arguments after {@code java -jar target/timetravel.jar}. */
        String[] arguments(Path database) {
            List<String> all = on(database);
            return all.subList(3, all.size()).toArray(String[]::new);
        }
    }

    /** The Runbook section of the README in the working directory (the project's, under Maven). */
    static Runbook fromReadme() {
        try {
            return parse(Files.readAllLines(Path.of("README.md")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Runbook parse(List<String> readme) {
        List<Command> commands = new ArrayList<>();
        boolean inSection = false;
        boolean inCode = false;
        Command current = null; // the command whose output the next "# " lines show
        for (String line : readme) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Runbook");
            } else if (inSection && line.startsWith("```")) {
                inCode = !inCode;
                current = null;
            } else if (inSection && inCode) {
                if (line.startsWith("sqlite3 ") || line.startsWith(JAR + "flags ")) {
                    current = new Command(words(line), new ArrayList<>());
                    commands.add(current);
                } else if (line.startsWith("# ") && current != null) {
                    current.output().add(line.substring(2));
                } else {
                    current = null;
                }
            }
        }
        if (commands.isEmpty()) {
            throw new IllegalStateException("no commands in the README's Runbook section");
        }
        return new Runbook(commands.stream().map(c -> new Command(c.words(), List.copyOf(c.output()))).toList());
    }

    /** Splits a command line as a POSIX shell would for the quoting the README uses: double quotes, comments. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                word = word == null ? new StringBuilder() : word;
            } else if (c == '#' && word == null) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unbalanced quote in " + line);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    List<Command> sqlite() {
        return commands.stream().filter(Command::isSqlite).toList();
    }

    List<Command> flags() {
        return commands.stream().filter(command -> !command.isSqlite()).toList();
    }
}
