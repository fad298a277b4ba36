package chat.lifecycle.app.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.util.ClassUtils;

/**
 * Counts the round trips to the database the server's HTTP request threads make: each statement executed (a JDBC
 * batch, or a statement of several parts, once) and each commit, but for a commit the last statement already sent
 * (as the queued writes' statement does, ending in {@code commit}: the driver then has nothing to send). What a
 * request costs the database, apart from the server's background threads. {@link ConnectionGuard} has it count every
 * connection of the server's pool.
 */
public final class RoundTripCounter {

    private static final AtomicInteger ROUND_TRIPS = new AtomicInteger();

    private RoundTripCounter() {
    }

    /** The round trips request threads made since the last call. */
    public static int takeCount() {
        return ROUND_TRIPS.getAndSet(0);
    }

    /** The connection, its round trips counted. */
    static Connection counting(Connection connection) {
        return new Counted(connection).proxy;
    }

    private static boolean onRequestThread() {
        return Thread.currentThread().getName().startsWith("http-exec");
    }

    /** A connection whose statements and commits are counted. */
    private static final class Counted {

        private final Connection proxy;
        /** Whether the last statement sent ended the transaction itself. */
        private boolean committedBySql;

        Counted(Connection connection) {
            proxy = proxy(connection, (method, arguments) -> {
                if (method.getName().equals("commit") && !committedBySql && onRequestThread()) {
                    ROUND_TRIPS.incrementAndGet();
                }
                Object result = invoke(connection, method, arguments);
                if (result instanceof Statement statement) {
                    String sql = arguments != null && arguments.length > 0 && arguments[0] instanceof String text
                            ? text : null;
                    return statement(statement, sql);
                }
                return result;
            });
        }

        private Object statement(Statement statement, String preparedSql) {
            return proxy(statement, (method, arguments) -> {
                if (method.getName().startsWith("execute")) {
                    String sql = arguments != null && arguments.length > 0 && arguments[0] instanceof String text
                            ? text : preparedSql;
                    committedBySql = sql != null && sql.strip().endsWith("commit");
                    if (onRequestThread()) {
                        ROUND_TRIPS.incrementAndGet();
                    }
                }
                return method.getName().equals("getConnection") ? proxy : invoke(statement, method, arguments);
            });
        }
    }

    private interface Handler {

        Object handle(Method method, Object[] arguments) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(T target, Handler handler) {
        return (T) Proxy.newProxyInstance(RoundTripCounter.class.getClassLoader(),
                ClassUtils.getAllInterfacesForClass(target.getClass()), (proxy, method, arguments) ->
                        handler.handle(method, arguments));
    }

    private static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
