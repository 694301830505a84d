package io.timetravel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rules of docs/architecture.md, checked on the compiled classes rather than by review. */
@AnalyzeClasses(packages = "io.timetravel", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layersOnlyDependDownwards = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("App").definedBy("io.timetravel.app..")
            .layer("Gui").definedBy("io.timetravel.gui..")
            .layer("Http").definedBy("io.timetravel.http..")
            .layer("Storage").definedBy("io.timetravel.storage..")
            .layer("Service").definedBy("io.timetravel.service..")
            .layer("Domain").definedBy("io.timetravel.domain..")
            .whereLayer("App").mayNotBeAccessedByAnyLayer()
            .whereLayer("Gui").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Http").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Storage").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Service").mayOnlyBeAccessedByLayers("App", "Gui", "Http", "Storage");

    @ArchTest
    static final ArchRule domainUsesOnlyTheJdk = classes().that().resideInAPackage("io.timetravel.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "io.timetravel.domain..", "java.lang..", "java.util..", "java.time..", "java.math..",
                    "java.nio..", "java.security..", "javax.crypto..", "java.text..", "java.io..");

    /**
     * Nothing above the storage layer knows which engine it runs on, or that there is SQL at all:
     * the drivers of both engines, Flyway, jOOQ (the storage layer's tool) and JDBC stay in
     * {@code storage}. {@code ArchitectureRulesTest} shows it catching a planted class.
     */
    @ArchTest
    static final ArchRule onlyStorageTouchesTheDatabase = noClasses().that().resideOutsideOfPackage("io.timetravel.storage..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.sqlite..", "org.postgresql..", "org.flywaydb..", "org.jooq..", "java.sql..", "javax.sql..");

    @ArchTest
    static final ArchRule onlyHttpTouchesTheHttpServer = noClasses().that().resideOutsideOfPackage("io.timetravel.http..")
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..");

    @ArchTest
    static final ArchRule prometheusStaysInHttpMetrics = noClasses().that().resideOutsideOfPackage("io.timetravel.http.metrics..")
            .should().dependOnClassesThat().resideInAnyPackage("io.prometheus..");

    @ArchTest
    static final ArchRule onlyGuiTouchesJavaFx = noClasses().that().resideOutsideOfPackage("io.timetravel.gui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..");

    @ArchTest
    static final ArchRule viewModelsHoldNoNodes = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.fxml..");
}
