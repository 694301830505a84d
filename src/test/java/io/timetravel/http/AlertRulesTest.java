package io.timetravel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timetravel.http.metrics.Metrics;
import io.timetravel.testing.SystemTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules shipped in {@code packaging/prometheus/alerts.yml} are valid for Prometheus
 * ({@code promtool check rules}) and pass their unit tests in {@code alerts_test.yml}
 * ({@code promtool test rules}), and they read only series the server exports. Skipped where
 * promtool is missing, except under CI, where that is a failure (see {@link PromtoolTest}).
 */
class AlertRulesTest {

    private static final Path RULES = Path.of("packaging", "prometheus", "alerts.yml");
    private static final Path RULE_TESTS = Path.of("packaging", "prometheus", "alerts_test.yml");
    /** The alerts the operator's runbook names, one rule each. */
    private static final List<String> ALERTS = List.of("TimetravelHighErrorRate", "TimetravelLatencyAboveBaseline",
            "TimetravelVersionsWithoutAudit", "TimetravelDatabaseWriteFailures", "TimetravelV2ShareBelowTarget",
            "TimetravelGarbageCollectionThrashing");

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Path promtool = SystemTool.require("promtool", "apt-get install prometheus");

        String output = run(promtool.toString(), "check", "rules", RULES.toString());

        assertTrue(output.contains("SUCCESS"), output);
    }

    @Test
    void everyRulePassesItsUnitTests() throws Exception {
        Path promtool = SystemTool.require("promtool", "apt-get install prometheus");

        String output = run(promtool.toString(), "test", "rules", RULE_TESTS.toString());

        assertTrue(output.contains("SUCCESS"), output);
    }

    @Test
    void everyAlertIsDefinedAndTestedFiringAndNotFiring() throws Exception {
        String rules = Files.readString(RULES);
        String tests = Files.readString(RULE_TESTS);
        for (String alert : ALERTS) {
            assertTrue(rules.contains("- alert: " + alert + "\n"), alert + " is not in " + RULES);
            List<String> cases = alertTests(tests, alert);
            assertTrue(cases.stream().anyMatch(c -> c.contains("exp_alerts: []")), alert + " has no test where it stays quiet");
            assertTrue(cases.stream().anyMatch(c -> c.contains("exp_labels:")), alert + " has no test where it fires");
        }
    }

    @Test
    void theRulesReadOnlySeriesTheServerExports() throws Exception {
        Set<String> exported = exportedFamilies();
        Set<String> recorded = new LinkedHashSet<>();
        Matcher record = Pattern.compile("- record: (\\S+)").matcher(Files.readString(RULES));
        while (record.find()) {
            recorded.add(record.group(1));
        }
        for (String name : seriesRead(expressions(Files.readString(RULES)))) {
            assertTrue(exported.contains(name) || recorded.contains(name),
                    name + " is neither exported at /metrics nor recorded by a rule; exported: " + exported);
        }
    }

    /**
     * The families on a /metrics page with every application series present, with the suffixes a
     * histogram adds, and the JVM's own (the garbage collection alert reads them), as the server exports them.
     */
    private static Set<String> exportedFamilies() {
        Metrics metrics = new Metrics(true);
        metrics.observe("GET", "/health", "/health", "none", 200, 1_000, null);
        metrics.evaluated("enable_audit_logging", true);
        metrics.committed(1, 1);
        metrics.writeFailed();
        Set<String> names = new LinkedHashSet<>();
        for (String line : new String(metrics.scrape(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    /** The text of each rule's {@code expr: |} block. */
    private static List<String> expressions(String rules) {
        List<String> expressions = new ArrayList<>();
        String[] lines = rules.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("expr:")) {
                continue;
            }
            StringBuilder expr = new StringBuilder(line.substring("expr:".length()));
            int indent = lines[i].indexOf("expr:");
            while (i + 1 < lines.length && (lines[i + 1].isBlank() || lines[i + 1].indexOf(lines[i + 1].strip()) > indent)) {
                expr.append('\n').append(lines[++i]);
            }
            expressions.add(expr.toString());
        }
        return expressions;
    }

    /** The metric names in the expressions: identifiers followed by a selector or a range, outside label matchers. */
    private static Set<String> seriesRead(List<String> expressions) {
        Set<String> names = new LinkedHashSet<>();
        Pattern selector = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{|\\[)");
        for (String expr : expressions) {
            String withoutMatchers = expr.replaceAll("\\{[^}]*}", "{}");
            Matcher matcher = selector.matcher(withoutMatchers);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            // A recorded series used alone, as in "histogram_quantile(0.95, level:metric:op)".
            Matcher bare = Pattern.compile("[a-z_]+:[a-zA-Z0-9_:]+").matcher(withoutMatchers);
            while (bare.find()) {
                names.add(bare.group());
            }
        }
        assertTrue(names.size() >= 6, "no series found in " + expressions);
        return names;
    }

    /** The {@code alert_rule_test} cases of one alert: from its {@code alertname} line to the next case. */
    private static List<String> alertTests(String tests, String alert) {
        List<String> cases = new ArrayList<>();
        String[] parts = tests.split("\n\\s*- eval_time: ");
        for (String part : parts) {
            if (part.contains("alertname: " + alert + "\n")) {
                cases.add(part);
            }
        }
        return cases;
    }

    /** Runs promtool from the project's folder and returns its output; fails with that output unless it exits 0. */
    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "promtool did not finish: " + output);
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + output);
        return output;
    }
}
