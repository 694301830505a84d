package io.timetravel.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The samples of a Prometheus text-format (0.0.4) page, parsed the way a scraper reads them, so
 * tests look samples up by name and labels instead of by the exact text layout.
 */
public final class PromText {

    /** One sample line: its name, labels in page order and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final String text;
    private final List<Sample> samples;

    private PromText(String text, List<Sample> samples) {
        this.text = text;
        this.samples = samples;
    }

    public static PromText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            samples.add(sample(line));
        }
        return new PromText(text, List.copyOf(samples));
    }

    public String text() {
        return text;
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The samples called {@code name}. */
    public List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** Whether a {@code # TYPE name type} line declares the family. */
    public boolean declares(String name, String type) {
        return text.lines().anyMatch(line -> line.equals("# TYPE " + name + " " + type));
    }

    /**
     * The value of the sample called {@code name} with exactly these labels (alternating names and
     * values), or {@code null} when there is none.
     */
    public Double value(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        for (Sample sample : samples) {
            if (sample.name().equals(name) && sample.labels().equals(wanted)) {
                return sample.value();
            }
        }
        return null;
    }

    /** Like {@link #value}, failing when the sample is missing. */
    public double require(String name, String... labels) {
        Double value = value(name, labels);
        if (value == null) {
            throw new AssertionError("no sample " + name + " " + List.of(labels) + " in:\n" + text);
        }
        return value;
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int equals = line.indexOf('=', i);
                String label = line.substring(i, equals).strip();
                StringBuilder value = new StringBuilder();
                int j = equals + 2; // past ="
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                    j++;
                }
                labels.put(label, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            rest = i + 1;
        } else {
            name = line.substring(0, space);
            rest = space;
        }
        String[] valueAndTime = line.substring(rest).strip().split(" ");
        return new Sample(Objects.requireNonNull(name), labels, parseValue(valueAndTime[0]));
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
