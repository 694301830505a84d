package io.timetravel.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The examples of a Markdown file's {@code console} blocks, in the convention README.md states:
 * a line starting with {@code $ } is a command (a line ending in a backslash continues on the
 * next), a line starting with {@code #} is a comment, any other non-empty line is the expected
 * output of the command above it. An event stream ({@code curl -N}) is stopped once it printed
 * what is shown. In the output, {@code …} stands for any text left out, and an
 * indented line continues the line above it (long JSON is wrapped for the reader).
 */
public final class ReadmeExamples {

    /** The stand-in for any text in an expected output. */
    public static final String ELLIPSIS = "…";

    private static final Pattern INSTANT = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:\\d\\d)");
    private static final Pattern SHA256 = Pattern.compile("\\b[0-9a-f]{64}\\b");
    private static final Pattern KEY_ID = Pattern.compile("\\b[0-9a-f]{16}\\b");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{40,}={0,2}");
    private static final Pattern STREAM = Pattern.compile("\\bcurl\\b[^|;]*\\s-N\\b");
    private static final Pattern TOKEN = Pattern.compile("tt_[A-Za-z0-9_-]+");

    private ReadmeExamples() {
    }

    /** One command, its line in the file and the output shown below it. */
    public record Example(int line, String command, List<String> expected) {

        /** Whether {@code actual} is what the example shows, volatile values and left-out text aside. */
        public boolean matches(String actual) {
            return pattern().matcher(normalise(actual)).matches();
        }

        /**
         * Whether the command is an event stream ({@code curl -N}) that may not end by itself: it
         * is stopped once it printed what the README shows.
         */
        public boolean stream() {
            return STREAM.matcher(command).find();
        }

        private Pattern pattern() {
            String shown = normalise(String.join("\n", expected));
            StringBuilder regex = new StringBuilder();
            String[] parts = shown.split(Pattern.quote(ELLIPSIS), -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    regex.append("[\\s\\S]*?");
                }
                if (!parts[i].isEmpty()) {
                    regex.append(Pattern.quote(parts[i]));
                }
            }
            return Pattern.compile(regex.toString());
        }
    }

    /** Every command of the file's {@code console} blocks, in order. */
    public static List<Example> parse(Path markdown) throws IOException {
        List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
        List<Example> examples = new ArrayList<>();
        boolean inBlock = false;
        int commandLine = 0;
        StringBuilder command = null;
        List<String> output = new ArrayList<>();
        boolean continues = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!inBlock) {
                inBlock = line.strip().equals("```console");
                continue;
            }
            if (line.strip().equals("```")) {
                add(examples, commandLine, command, output);
                command = null;
                output = new ArrayList<>();
                inBlock = false;
                continues = false;
            } else if (continues) {
                command.append('\n').append(line);
                continues = line.endsWith("\\");
            } else if (line.startsWith("$ ")) {
                add(examples, commandLine, command, output);
                command = new StringBuilder(line.substring(2));
                output = new ArrayList<>();
                commandLine = i + 1;
                continues = line.endsWith("\\");
            } else if (!line.isBlank() && !line.startsWith("#")) {
                if (command == null) {
                    throw new IllegalStateException(markdown + ":" + (i + 1) + ": output before any command: " + line);
                }
                output.add(line);
            }
        }
        if (inBlock) {
            throw new IllegalStateException(markdown + ": a console block is not closed");
        }
        return examples;
    }

    private static void add(List<Example> examples, int line, StringBuilder command, List<String> output) {
        if (command != null) {
            examples.add(new Example(line, command.toString(), List.copyOf(output)));
        }
    }

    /**
     * The text as compared: indented lines joined to the line above, blank lines dropped, white
     * space removed, and instants, SHA-256 hashes, key ids, signatures and keys, and tokens
     * replaced by placeholders (they differ in every run).
     */
    public static String normalise(String text) {
        List<String> logical = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && !logical.isEmpty()) {
                logical.set(logical.size() - 1, logical.get(logical.size() - 1) + line);
            } else {
                logical.add(line);
            }
        }
        List<String> out = new ArrayList<>();
        for (String line : logical) {
            String s = INSTANT.matcher(line).replaceAll("<instant>");
            s = SHA256.matcher(s).replaceAll("<sha256>");
            s = KEY_ID.matcher(s).replaceAll("<key-id>");
            s = TOKEN.matcher(s).replaceAll("<token>");
            s = BASE64.matcher(s).replaceAll("<base64>");
            out.add(s.replaceAll("\\s+", ""));
        }
        return String.join("\n", out);
    }
}
