package io.timetravel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.timetravel.gui.ViewSide;

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

    private static final String[] JDK = {
        "java.lang..", "java.util..", "java.time..", "java.math..", "java.nio..", "java.security..", "javax.crypto..",
        "java.text..", "java.io.."};

    /** The domain is plain Java; {@code domain.json} alone also reads and writes with jackson-core (decision 0038). */
    @ArchTest
    static final ArchRule domainUsesOnlyTheJdk = classes().that().resideInAPackage("io.timetravel.domain..")
            .and().resideOutsideOfPackage("io.timetravel.domain.json")
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(JDK, "io.timetravel.domain.."));

    @ArchTest
    static final ArchRule domainJsonUsesTheJdkAndJacksonCore = classes().that().resideInAPackage("io.timetravel.domain.json")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    concat(JDK, "io.timetravel.domain.json", "com.fasterxml.jackson.core.."));

    /**
     * Jackson where decision 0038 puts it: its streaming core in {@code domain.json}, which every
     * JSON text passes through, and databind in {@code http} alone, for the response records.
     */
    @ArchTest
    static final ArchRule jacksonOnlyWhereDecided = noClasses()
            .that().resideOutsideOfPackages("io.timetravel.domain.json", "io.timetravel.http..")
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..");

    @ArchTest
    static final ArchRule jacksonDatabindOnlyInHttp = noClasses().that().resideOutsideOfPackage("io.timetravel.http..")
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.databind..");

    private static final java.util.Set<String> FILE_AND_NETWORK = java.util.Set.of(
            "java.nio.file.Files", "java.nio.file.FileSystems", "java.nio.file.FileSystem", "java.io.File",
            "java.io.FileInputStream", "java.io.FileOutputStream", "java.io.FileReader", "java.io.FileWriter",
            "java.io.RandomAccessFile", "java.io.PrintWriter", "java.lang.ProcessBuilder", "java.lang.Runtime");

    /**
     * The domain and the use cases compute; files and sockets are reached through the ports that
     * {@code storage} and {@code http} implement. Paths, readers and writers may pass through as values.
     */
    @ArchTest
    static final ArchRule noFileOrNetworkIoInDomainOrService = noClasses()
            .that().resideInAnyPackage("io.timetravel.domain..", "io.timetravel.service..")
            .should().dependOnClassesThat(DescribedPredicate.describe("reach files or the network",
                    (JavaClass type) -> FILE_AND_NETWORK.contains(type.getName())
                            || type.getPackageName().startsWith("java.net")
                            || type.getPackageName().startsWith("java.nio.channels")
                            || type.getPackageName().startsWith("com.sun.net")));

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

    /**
     * View models, and every other class of the desktop that is not a view, hold properties and
     * call services; controls, nodes and windows belong to the views: the FXML controllers
     * (classes with {@code @FXML} members), the nodes themselves, the application, and the
     * classes marked {@link ViewSide}. Whatever a class is called.
     */
    @ArchTest
    static final ArchRule onlyViewsHoldControls = noClasses().that().resideInAPackage("io.timetravel.gui..")
            .and(DescribedPredicate.not(DescribedPredicate.describe("are views", ArchitectureTest::isView)))
            .should().dependOnClassesThat().resideInAnyPackage(
                    "javafx.scene..", "javafx.stage..", "javafx.fxml..", "org.controlsfx..", "atlantafx..");

    /**
     * Packages depend on one another without cycles, inside a layer as between layers. The code
     * jOOQ generates from the migrations (tables and their records refer to each other by design)
     * is not ours to arrange; what we write around it is checked.
     */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.timetravel.(**)").should().beFreeOfCycles()
            .ignoreDependency(resideInAPackage("io.timetravel.storage.jooq.."), resideInAPackage("io.timetravel.storage.jooq.."));

    static boolean isView(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        JavaClass top = outer;
        return top.isAnnotatedWith(ViewSide.class)
                || top.isAssignableTo("javafx.scene.Node")
                || top.isAssignableTo("javafx.application.Application")
                || top.getAllMembers().stream().anyMatch(member -> member.isAnnotatedWith("javafx.fxml.FXML"));
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
