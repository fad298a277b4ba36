package chat.lifecycle.query.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;

import chat.lifecycle.events.room.DirectMessageCreated;
import chat.lifecycle.events.room.RoomCreated;
import chat.lifecycle.events.room.RoomMemberAdded;
import chat.lifecycle.events.room.RoomOwnerAdded;
import chat.lifecycle.events.user.UserActivated;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.query.ReadModelDatabase;
import chat.lifecycle.query.user.UserEvents;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Statements the live room projection sends per event, each a round trip (a JDBC batch counts once). A user's
 * deactivation and reactivation run in the command's transaction, so the projection takes no part in them.
 */
class RoomViewStatementsTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    private ReadModelDatabase database;
    private final AtomicInteger sent = new AtomicInteger();
    private RoomViewProjection projection;

    @BeforeEach
    void createRooms() throws Exception {
        database = new ReadModelDatabase();
        UserEvents users = new UserEvents(database.jdbc());
        for (String user : List.of("u-alice", "u-bob", "u-carol")) {
            users.created(user, AT);
        }
        Connection counted = counting(database.jdbc().getDataSource().getConnection());
        projection = new RoomViewProjection(new JdbcTemplate(new SingleConnectionDataSource(counted, true)));
        projection.on(new RoomCreated("general", RoomCreated.PUBLIC, "general", "u-alice", false), AT);
        projection.on(new RoomMemberAdded("general", "u-alice"), AT);
        projection.on(new RoomOwnerAdded("general", "u-alice"));
        projection.on(new DirectMessageCreated("dm", List.of("u-alice", "u-bob")), AT);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void eachEventCostsAFewStatements() {
        Map<String, Integer> statements = new LinkedHashMap<>();
        Instant later = AT.plusSeconds(1);
        statements.put("RoomMemberAdded", count(() -> projection.on(new RoomMemberAdded("general", "u-carol"), later)));
        statements.put("RoomOwnerAdded", count(() -> projection.on(new RoomOwnerAdded("general", "u-carol"))));
        statements.put("DirectMessageCreated",
                count(() -> projection.on(new DirectMessageCreated("dm2", List.of("u-bob", "u-carol")), later)));

        assertThat(statements).isEqualTo(Map.of("RoomMemberAdded", 3, "RoomOwnerAdded", 2, "DirectMessageCreated", 2));
    }

    @Test
    void aStatusChangeIsNoEventOfTheRooms() {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);

        assertThat(handlers.canHandle(asEventMessage(new UserDeactivated("u-bob", false, 1, true, List.of()))))
                .isFalse();
        assertThat(handlers.canHandle(asEventMessage(new UserActivated("u-bob")))).isFalse();
        assertThat(handlers.canHandle(asEventMessage(new DirectMessageCreated("dm3", List.of("u-bob"))))).isTrue();
    }

    private int count(Runnable event) {
        int before = sent.get();
        event.run();
        return sent.get() - before;
    }

    /** The connection, counting every statement executed through it (a batch once). */
    private Connection counting(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(connection, method, args);
                    return result instanceof Statement statement ? counting(statement) : result;
                });
    }

    private Statement counting(Statement statement) {
        return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), statement.getClass().getInterfaces(),
                (proxy, method, args) -> {
                    if (method.getName().startsWith("execute")) {
                        sent.incrementAndGet();
                    }
                    return invoke(statement, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
