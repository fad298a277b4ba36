package chat.lifecycle.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import chat.lifecycle.command.user.UserAccounts;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/**
 * The module boundaries of DESIGN.md: the two sides meet only through shared-events, the platform module (event
 * store, operations) and the event store itself.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    private static final DescribedPredicate<JavaClass> DECLARE_EVENT_HANDLERS =
            DescribedPredicate.describe("declare @EventHandler methods", type -> type.getMethods().stream()
                    .anyMatch(method -> method.isAnnotatedWith(EventHandler.class)));

    private static final ArchCondition<JavaClass> BE_IN_THE_LOOKUPS_GROUP =
            new ArchCondition<>("be in the lookups' processing group, " + UserAccounts.GROUP) {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    boolean inGroup = type.tryGetAnnotationOfType(ProcessingGroup.class)
                            .map(group -> UserAccounts.GROUP.equals(group.value())).orElse(false);
                    events.add(new SimpleConditionEvent(type, inGroup, type.getName()
                            + (inGroup ? " is" : " is not") + " in processing group " + UserAccounts.GROUP));
                }
            };

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
    void thePlatformServesBothSidesAndKnowsNeither() {
        noClasses().that().resideInAPackage("chat.lifecycle.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("chat.lifecycle.command..",
                        "chat.lifecycle.query..", "chat.lifecycle.app..")
                .check(classes);
    }

    @Test
    void theQueryRoleRunsWithoutTheCommandSide() {
        noClasses().that().haveFullyQualifiedName("chat.lifecycle.app.QuerySideApplication")
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

    /** A route lives beside its feature; {@code web} packages hold only the HTTP plumbing the routes share. */
    @Test
    void controllersLiveBesideTheirFeature() {
        noClasses().that().resideInAPackage("..web..").should().beAnnotatedWith(RestController.class)
                .check(classes);
    }

    @Test
    void theUserAggregateKnowsNothingOfWebOrDatabase() {
        noClasses().that().haveFullyQualifiedName("chat.lifecycle.command.user.User")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "chat.lifecycle.command.web..")
                .check(classes);
    }

    /**
     * The command side's event handlers keep its lookups, which the rules read in the command's own transaction: a
     * handler outside the lookups' subscribing processor would run after the commit, on a tracking processor, and
     * open a window in which a revoked credential still works.
     */
    @Test
    void everyCommandSideEventHandlerRunsInTheCommandsTransaction() {
        classes().that().resideInAPackage("chat.lifecycle.command..").and(DECLARE_EVENT_HANDLERS)
                .should(BE_IN_THE_LOOKUPS_GROUP)
                .check(classes);
    }
}
