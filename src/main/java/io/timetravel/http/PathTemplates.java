package io.timetravel.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Splitting paths into segments and matching them against templates with {@code {variables}}. */
final class PathTemplates {

    private PathTemplates() {
    }

    static List<String> split(String path) {
        List<String> segments = new ArrayList<>(8);
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            segments.add(path.substring(start, end));
            start = end + 1;
        }
        return segments;
    }

    static Map<String, String> match(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return null;
        }
        Map<String, String> variables = null;
        for (int i = 0; i < template.size(); i++) {
            String expected = template.get(i);
            String actual = path.get(i);
            if (isVariable(expected)) {
                if (variables == null) {
                    variables = new HashMap<>(4);
                }
                variables.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        return variables == null ? Map.of() : variables;
    }

    private static boolean isVariable(String segment) {
        return segment.length() > 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}';
    }
}
