package chat.lifecycle.command.deactivation;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.credentials.RevokeStaleLoginTokens;
import chat.lifecycle.command.oauth.OAuthGrants;
import chat.lifecycle.command.oauth.RevokeStaleOAuthGrants;
import chat.lifecycle.events.Audit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RevocationStepsTest {

    private static final RevokeStaleLoginTokens LOGIN_STEP = new RevokeStaleLoginTokens("aliceId", 1);
    private static final RevokeStaleOAuthGrants OAUTH_STEP =
            new RevokeStaleOAuthGrants(OAuthGrants.idOf("aliceId"), "aliceId", 1);

    private RecordingCommandBus commandBus;
    private AuditedCommands commands;
    private final List<String> transactionLog = new ArrayList<>();
    private final TransactionManager transactions = () -> {
        transactionLog.add("begin");
        return new Transaction() {
            @Override
            public void commit() {
                transactionLog.add("commit");
            }

            @Override
            public void rollback() {
                transactionLog.add("rollback");
            }
        };
    };

    @BeforeEach
    void setUp() {
        commandBus = new RecordingCommandBus();
        commands = new AuditedCommands(DefaultCommandGateway.builder().commandBus(commandBus).build());
    }

    @AfterEach
    void noUnitOfWorkLeftOpen() {
        while (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().rollback();
        }
    }

    private List<Object> sentPayloads() {
        return commandBus.getDispatchedCommands().stream().<Object>map(CommandMessage::getPayload).toList();
    }

    @Test
    void insideAUnitOfWorkNothingIsSentBeforeItCommits() {
        RevocationSteps steps = new RevocationSteps(commands, transactions, Runnable::run, Duration.ofSeconds(10));
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("saga event"));

        steps.sendAfterCommit(List.of(LOGIN_STEP, OAUTH_STEP));
        assertThat(commandBus.getDispatchedCommands()).isEmpty();

        unitOfWork.commit();
        assertThat(sentPayloads()).containsExactly(LOGIN_STEP, OAUTH_STEP);
    }

    @Test
    void aRolledBackUnitOfWorkSendsNothing() {
        RevocationSteps steps = new RevocationSteps(commands, transactions, Runnable::run, Duration.ofSeconds(10));
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("saga event"));

        steps.sendAfterCommit(List.of(LOGIN_STEP, OAUTH_STEP));
        unitOfWork.rollback();

        assertThat(commandBus.getDispatchedCommands()).isEmpty();
    }

    @Test
    void withoutAUnitOfWorkTheStepsAreSentAtOnce() {
        RevocationSteps steps = new RevocationSteps(commands, transactions, Runnable::run, Duration.ofSeconds(10));

        steps.sendAfterCommit(List.of(LOGIN_STEP, OAUTH_STEP));

        assertThat(sentPayloads()).containsExactly(LOGIN_STEP, OAUTH_STEP);
    }

    @Test
    void theStepsRunOnTheExecutorNotOnTheCommittingThread() {
        List<Runnable> queued = new ArrayList<>();
        RevocationSteps steps = new RevocationSteps(commands, transactions, queued::add, Duration.ofSeconds(10));
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("saga event"));

        steps.sendAfterCommit(List.of(LOGIN_STEP, OAUTH_STEP));
        unitOfWork.commit();
        assertThat(queued).hasSize(1);
        assertThat(commandBus.getDispatchedCommands()).isEmpty();

        queued.get(0).run();
        assertThat(sentPayloads()).containsExactly(LOGIN_STEP, OAUTH_STEP);
    }

    @Test
    void stepsAreSentByTheSystemWithDeactivationAsTheirCause() {
        new RevocationSteps(commands, transactions, Runnable::run, Duration.ofSeconds(10)).sendAfterCommit(List.of(LOGIN_STEP));

        assertThat(commandBus.getDispatchedCommands()).singleElement().satisfies(command -> {
            assertThat(command.getMetaData()).containsEntry(Audit.ACTOR_ID, Audit.SYSTEM)
                    .containsEntry(Audit.ACTOR_USERNAME, Audit.SYSTEM)
                    .containsEntry(Audit.CAUSE, DeactivationSaga.CAUSE);
        });
    }

    @Test
    void aFailingStepIsOnlyLoggedAndTheNextStepIsStillSent() {
        commandBus.setCallbackBehavior((payload, metaData) -> {
            throw new IllegalStateException("refused");
        });
        RevocationSteps steps = new RevocationSteps(commands, transactions, Runnable::run, Duration.ofSeconds(10));
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("saga event"));

        steps.sendAfterCommit(List.of(LOGIN_STEP, OAUTH_STEP));
        unitOfWork.commit();

        assertThat(sentPayloads()).containsExactly(LOGIN_STEP, OAUTH_STEP);
    }

    @Test
    void stepsSentFromTheExecutorShareOneUnitOfWorkAndOneTransaction() {
        List<UnitOfWork<?>> sentIn = new ArrayList<>();
        commandBus.setCallbackBehavior((payload, metaData) -> {
            sentIn.add(CurrentUnitOfWork.get().root());
            return null;
        });

        new RevocationSteps(commands, transactions, Runnable::run, Duration.ofSeconds(10))
                .sendAfterCommit(List.of(LOGIN_STEP, OAUTH_STEP));

        assertThat(sentPayloads()).containsExactly(LOGIN_STEP, OAUTH_STEP);
        assertThat(sentIn).hasSize(2).allSatisfy(root -> assertThat(root).isSameAs(sentIn.get(0)));
        assertThat(transactionLog).containsExactly("begin", "commit");
    }

    @Test
    void whenOneStepFailsTogetherAllRollsBackAndEachStepIsSentAgainOnItsOwn() {
        List<Boolean> inUnitOfWork = new ArrayList<>();
        commandBus.setCallbackBehavior((payload, metaData) -> {
            inUnitOfWork.add(CurrentUnitOfWork.isStarted());
            if (payload.equals(OAUTH_STEP)) {
                throw new IllegalStateException("refused");
            }
            return null;
        });

        new RevocationSteps(commands, transactions, Runnable::run, Duration.ofSeconds(10))
                .sendAfterCommit(List.of(LOGIN_STEP, OAUTH_STEP));

        assertThat(sentPayloads()).containsExactly(LOGIN_STEP, OAUTH_STEP, LOGIN_STEP, OAUTH_STEP);
        assertThat(inUnitOfWork).containsExactly(true, true, false, false);
        assertThat(transactionLog).containsExactly("begin", "rollback");
    }

    @Test
    void retryAfterIsTheConfiguredDuration() {
        assertThat(new RevocationSteps(commands, transactions, Runnable::run, Duration.ofSeconds(42)).retryAfter())
                .isEqualTo(Duration.ofSeconds(42));
    }
}
