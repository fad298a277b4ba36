package chat.lifecycle.query.user;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.events.query.FindUserStatus;
import chat.lifecycle.events.query.UserStatus;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import chat.lifecycle.query.ReadModelDatabase;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * {@code users.setActiveStatus} answers with the status its own command wrote to {@code user_view}, taken from the
 * projection's write when the command committed it in the same request, and read from the row otherwise. Each test
 * changes the row behind the projection's back after the write, so the answer shows which of the two it came from.
 */
class StatusAnswerTest {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");
    private static final String USER = "u-alice";

    private ReadModelDatabase database;
    private QueuedWritesJdbcTemplate jdbc;
    private UserViewProjection projection;

    @BeforeEach
    void createUser() {
        database = new ReadModelDatabase();
        jdbc = database.jdbc();
        new UserEvents(jdbc).created(USER, AT);
        projection = new UserViewProjection(jdbc, new UserViews(jdbc));
    }

    @AfterEach
    void forget() {
        RequestContextHolder.resetRequestAttributes();
        database.close();
    }

    @Test
    void aStatusTheRequestCommittedIsTheAnswerWithoutAReadBack() {
        inRequest();
        deactivate(UnitOfWork::commit);
        rowSaysActive();

        assertThat(answer()).isEqualTo(new UserStatus(USER, false));
    }

    @Test
    void aRolledBackWriteIsNotKept() {
        inRequest();
        deactivate(UnitOfWork::rollback);
        rowSaysActive();

        assertThat(answer()).isEqualTo(new UserStatus(USER, true));
    }

    @Test
    void anotherRequestReadsTheRow() {
        inRequest();
        deactivate(UnitOfWork::commit);
        rowSaysActive();
        inRequest();

        assertThat(answer()).isEqualTo(new UserStatus(USER, true));
    }

    @Test
    void outsideARequestTheRowIsRead() {
        deactivate(UnitOfWork::commit);
        rowSaysActive();

        assertThat(answer()).isEqualTo(new UserStatus(USER, true));
    }

    @Test
    void aWriteTheRowAlreadyReflectedIsNoAnswer() {
        inRequest();
        deactivate(UnitOfWork::commit);
        rowSaysActive();
        inRequest();
        deactivate(UnitOfWork::commit); // the same event again: version 1 is no longer newer than the row

        assertThat(answer()).isEqualTo(new UserStatus(USER, true));
    }

    private void deactivate(Consumer<UnitOfWork<?>> end) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        projection.on(new UserDeactivated(USER, false, 1, true, List.of()), 1, AT);
        end.accept(unitOfWork);
    }

    private void rowSaysActive() {
        jdbc.update("update user_view set active = true where id = ?", USER);
    }

    private UserStatus answer() {
        return projection.handle(new FindUserStatus(USER));
    }

    private static void inRequest() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
    }
}
