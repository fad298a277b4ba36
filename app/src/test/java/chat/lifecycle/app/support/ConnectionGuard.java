package chat.lifecycle.app.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * Records every time a thread that holds a connection of the server's pool asks the pool for another. A thread that
 * does so can wait for ever: with as many such threads as the pool has connections, each holds one and waits for
 * another (the pool's timeout ends it, 30 s later, with an error). {@link IntegrationTest} fails a test after which
 * anything did, with where it happened. It also has {@link RoundTripCounter} count each connection's round trips.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ConnectionGuard implements BeanPostProcessor {

    private static final List<Throwable> SECOND_CONNECTIONS = new CopyOnWriteArrayList<>();
    private static final ThreadLocal<int[]> HELD = ThreadLocal.withInitial(() -> new int[1]);
    /** Flyway migrates on a second connection at start-up, on one thread, before any request: not counted. */
    private static final Predicate<StackTraceElement> FLYWAY = frame -> frame.getClassName().startsWith("org.flywaydb.");

    /** Where threads took a second connection since the last call, and forgets them. */
    static List<Throwable> takeSecondConnections() {
        List<Throwable> taken = List.copyOf(SECOND_CONNECTIONS);
        SECOND_CONNECTIONS.removeAll(taken);
        return taken;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource)) {
            return bean;
        }
        ProxyFactory guarded = new ProxyFactory(bean);
        guarded.setProxyTargetClass(true);
        guarded.addAdvice((MethodInterceptor) invocation -> {
            Object result = invocation.proceed();
            return result instanceof Connection connection && invocation.getMethod().getName().equals("getConnection")
                    ? RoundTripCounter.counting(counted(connection)) : result;
        });
        return guarded.getProxy();
    }

    private static Connection counted(Connection connection) {
        int[] held = HELD.get();
        if (held[0] > 0) {
            Throwable where = new Throwable("thread " + Thread.currentThread().getName()
                    + " took a connection while it held " + held[0]);
            if (Arrays.stream(where.getStackTrace()).noneMatch(FLYWAY)) {
                SECOND_CONNECTIONS.add(where);
            }
        }
        held[0]++;
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("close") && !closed[0]) {
                        closed[0] = true;
                        held[0]--;
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
