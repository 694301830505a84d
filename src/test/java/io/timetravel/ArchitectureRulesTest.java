package io.timetravel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.timetravel.archfixture.PlantedDatabaseUser;
import io.timetravel.service.RecordService;
import io.timetravel.storage.Database;
import io.timetravel.storage.SqlRecordStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The architecture rules catch what they are meant to: shown on classes planted in the test sources. */
class ArchitectureRulesTest {

    @Test
    void aClassOutsideStorageThatUsesAnyDatabaseLibraryBreaksTheRule() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedDatabaseUser.class);

        EvaluationResult result = ArchitectureTest.onlyStorageTouchesTheDatabase.evaluate(planted);

        assertTrue(result.hasViolation());
        String report = String.join("\n", result.getFailureReport().getDetails());
        for (String library : List.of("org.sqlite.", "org.postgresql.", "org.flywaydb.", "org.jooq.", "java.sql.")) {
            assertTrue(report.contains("<" + library), () -> library + " not named in:\n" + report);
        }
    }

    @Test
    void theStorageLayerItselfMayUseThemAndTheServicesOverItDoNot() {
        JavaClasses real = new ClassFileImporter().importClasses(Database.class, SqlRecordStore.class, RecordService.class);

        EvaluationResult result = ArchitectureTest.onlyStorageTouchesTheDatabase.evaluate(real);

        assertFalse(result.hasViolation(), () -> String.join("\n", result.getFailureReport().getDetails()));
    }
}
