package io.wegate.server.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The server's packages form no cycle: every package (sub-packages are packages of their own) may
 * depend on the packages below it only. Vocabulary ({@code error}, {@code web}) sits at the bottom,
 * wiring ({@code site}, {@code ops}) at the top.
 */
class PackageCycleTest {

    static ArchRule noCycles() {
        return slices().matching("io.wegate.server.(**)").should().beFreeOfCycles();
    }

    @Test
    void serverPackagesWhenImportedThenFreeOfCycles() {
        JavaClasses server = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.wegate.server");
        noCycles().check(server);
    }

    @Test
    void ruleWhenTwoPackagesDependOnEachOtherThenFails() {
        JavaClasses cyclic = new ClassFileImporter().importPackages("io.wegate.server.architecture.cycle");
        EvaluationResult result = slices().matching("io.wegate.server.architecture.cycle.(**)")
                .should()
                .beFreeOfCycles()
                .evaluate(cyclic);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Cycle detected");
    }
}
