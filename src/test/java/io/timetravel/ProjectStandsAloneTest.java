package io.timetravel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project explains itself: code, tests and docs point to the contract in docs/, never to
 * documents outside the repository (a specification or a style guide someone once had).
 */
class ProjectStandsAloneTest {

    private static final Pattern OUTSIDE = Pattern.compile("\\bSPEC\\b|STYLE\\.md|\\.\\./shared|TOOLCHAIN\\.md");
    /**
     * Migrations already applied to databases in use: Flyway checks each one's checksum, so even
     * a comment in them cannot change.
     */
    private static final Set<String> APPLIED = Set.of("src/main/resources/db/migration/V1__initial_schema.sql",
            "src/main/resources/db/migration/V2__snapshot_as_of.sql");

    @Test
    void nothingPointsOutsideTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        for (String root : List.of("src", "docs", "fxml", "styles", "packaging", "README.md", "pom.xml")) {
            Path start = Path.of(root);
            if (!Files.exists(start)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(start)) {
                for (Path file : files.filter(Files::isRegularFile).filter(ProjectStandsAloneTest::text).toList()) {
                    String name = file.toString().replace('\\', '/');
                    if (APPLIED.contains(name) || name.endsWith("ProjectStandsAloneTest.java")) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    for (int i = 0; i < lines.size(); i++) {
                        if (OUTSIDE.matcher(lines.get(i)).find()) {
                            found.add(name + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found, "point to docs/contract.md or docs/architecture.md instead");
        assertTrue(Files.isRegularFile(Path.of("docs", "contract.md")), "the contract lives in docs/");
    }

    private static boolean text(Path file) {
        String name = file.getFileName().toString();
        return Stream.of(".java", ".md", ".sql", ".fxml", ".css", ".properties", ".xml", ".sh", ".yml", ".txt")
                .anyMatch(name::endsWith);
    }
}
