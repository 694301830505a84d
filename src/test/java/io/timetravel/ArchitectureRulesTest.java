package io.timetravel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.ArchRule;
import io.timetravel.archfixture.PlantedDatabaseUser;
import io.timetravel.domain.archfixture.PlantedFileReader;
import io.timetravel.domain.archfixture.cycle.first.First;
import io.timetravel.domain.archfixture.cycle.second.Second;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.gui.archfixture.PlantedRecordSummary;
import io.timetravel.gui.archfixture.PlantedSummaryView;
import io.timetravel.gui.timeline.TimelineViewModel;
import io.timetravel.http.HttpJson;
import io.timetravel.service.archfixture.PlantedJacksonAndNetworkUser;
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

    @Test
    void aServiceUsingJacksonDatabindAndTheNetworkBreaksThreeRules() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedJacksonAndNetworkUser.class);

        assertNamed(ArchitectureTest.jacksonOnlyWhereDecided, planted, "com.fasterxml.jackson.databind.ObjectMapper");
        assertNamed(ArchitectureTest.jacksonDatabindOnlyInHttp, planted, "com.fasterxml.jackson.databind.ObjectMapper");
        assertNamed(ArchitectureTest.noFileOrNetworkIoInDomainOrService, planted, "java.net.http.HttpClient");
    }

    @Test
    void jacksonIsAllowedInDomainJsonAndHttpOnly() {
        JavaClasses mixed = new ClassFileImporter().importClasses(JsonParser.class, HttpJson.class, PlantedJacksonAndNetworkUser.class);

        String report = violations(ArchitectureTest.jacksonOnlyWhereDecided, mixed);

        assertTrue(report.contains(PlantedJacksonAndNetworkUser.class.getName()), report);
        assertFalse(report.contains(JsonParser.class.getName()) || report.contains(HttpJson.class.getName()), report);
        assertClean(ArchitectureTest.domainJsonUsesTheJdkAndJacksonCore, new ClassFileImporter().importClasses(JsonParser.class));
    }

    @Test
    void aDomainClassReadingAFileBreaksTheIoRuleThoughItUsesOnlyTheJdk() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedFileReader.class);

        assertClean(ArchitectureTest.domainUsesOnlyTheJdk, planted);
        assertNamed(ArchitectureTest.noFileOrNetworkIoInDomainOrService, planted, "java.nio.file.Files");
    }

    @Test
    void aDesktopClassHoldingATableBreaksTheRuleWhateverItIsCalled() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedRecordSummary.class);

        assertNamed(ArchitectureTest.onlyViewsHoldControls, planted, "javafx.scene.control.TableView");
    }

    @Test
    void viewsMayHoldControlsAndViewModelsNeedNot() {
        JavaClasses mixed = new ClassFileImporter()
                .importClasses(PlantedSummaryView.class, PlantedRecordSummary.class, TimelineViewModel.class);

        String report = violations(ArchitectureTest.onlyViewsHoldControls, mixed);

        assertTrue(report.contains(PlantedRecordSummary.class.getName()), report);
        assertFalse(report.contains(PlantedSummaryView.class.getName()), report);
        assertFalse(report.contains(TimelineViewModel.class.getName()), report);
    }

    @Test
    void twoPackagesUsingEachOtherAreACycle() {
        JavaClasses planted = new ClassFileImporter().importClasses(First.class, Second.class);

        EvaluationResult result = ArchitectureTest.noPackageCycles.evaluate(planted);

        assertTrue(result.hasViolation());
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains("archfixture.cycle.first") && report.contains("archfixture.cycle.second"), report);
    }

    private static void assertNamed(ArchRule rule, JavaClasses classes, String dependency) {
        EvaluationResult result = rule.evaluate(classes);

        assertTrue(result.hasViolation(), () -> rule.getDescription() + " let it pass");
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains("<" + dependency), () -> dependency + " not named in:\n" + report);
    }

    private static String violations(ArchRule rule, JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);
        assertTrue(result.hasViolation(), () -> rule.getDescription() + " found nothing");
        return String.join("\n", result.getFailureReport().getDetails());
    }

    private static void assertClean(ArchRule rule, JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);

        assertFalse(result.hasViolation(), () -> String.join("\n", result.getFailureReport().getDetails()));
    }
}
