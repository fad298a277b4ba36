package chat.lifecycle.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundaries of DESIGN.md: the two sides meet only through shared-events and the event store. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("chat.lifecycle");
    }

    @Test
    void theCommandSideDoesNotKnowTheQuerySide() {
        noClasses().that().resideInAPackage("chat.lifecycle.command..")
                .should().dependOnClassesThat().resideInAPackage("chat.lifecycle.query..")
                .check(classes);
    }

    @Test
    void theQuerySideDoesNotKnowTheCommandSide() {
        noClasses().that().resideInAPackage("chat.lifecycle.query..")
                .should().dependOnClassesThat().resideInAPackage("chat.lifecycle.command..")
                .check(classes);
    }

    @Test
    void thePublishedLanguageNeedsNoSpringAndNoSide() {
        noClasses().that().resideInAPackage("chat.lifecycle.events..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
                        "chat.lifecycle.command..", "chat.lifecycle.query..", "chat.lifecycle.app..")
                .check(classes);
    }

    @Test
    void theUserAggregateKnowsNothingOfWebOrDatabase() {
        noClasses().that().haveFullyQualifiedName("chat.lifecycle.command.user.User")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "chat.lifecycle.command.web..")
                .check(classes);
    }
}
