package io.timetravel.domain.archfixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A domain class that reads a file, planted for {@code ArchitectureRulesTest}. Never called. */
public final class PlantedFileReader {

    private PlantedFileReader() {
    }

    static String tariff(Path file) throws IOException {
        return Files.readString(file);
    }
}
