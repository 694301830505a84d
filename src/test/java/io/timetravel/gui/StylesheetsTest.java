package io.timetravel.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javafx.css.CssParser;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

/**
 * Every style sheet parses without an error: JavaFX only logs a parse error and drops the rules
 * after it, so an unclosed block silently unstyles the views whose rules follow (the
 * Recalculations view lost its styles this way).
 */
class StylesheetsTest {

    @Test
    void everyStyleSheetParsesWithoutAnError() throws IOException {
        List<Path> sheets;
        try (Stream<Path> files = Files.list(Path.of("styles"))) {
            sheets = files.filter(file -> file.toString().endsWith(".css")).sorted().toList();
        }
        assertFalse(sheets.isEmpty(), "no style sheets found in styles/");
        for (Path sheet : sheets) {
            CssParser.errorsProperty().clear();
            Stylesheet parsed = new CssParser().parse(sheet.toUri().toURL());
            assertEquals(List.of(), List.copyOf(CssParser.errorsProperty()), sheet.toString());
            assertFalse(parsed.getRules().isEmpty(), sheet + " has no rules");
        }
    }
}
