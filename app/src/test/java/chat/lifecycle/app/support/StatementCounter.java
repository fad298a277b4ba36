package chat.lifecycle.app.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Counts the round trips to the database the server's HTTP request threads make: each statement executed (a JDBC
 * batch, or a statement of several parts, once) and each commit, but for a commit the last statement already sent
 * (as the queued writes' statement does, ending in {@code commit}: the driver then has nothing to send). What a
 * request costs the database, apart from the server's background threads.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter implements BeanPostProcessor {

    private static final AtomicInteger ROUND_TRIPS = new AtomicInteger();

    /** The round trips request threads made since the last call. */
    public static int takeCount() {
        return ROUND_TRIPS.getAndSet(0);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource)) {
            return bean;
        }
        ProxyFactory counted = new ProxyFactory(bean);
        counted.setProxyTargetClass(true);
        counted.addAdvice((MethodInterceptor) invocation -> {
            Object result = invocation.proceed();
            return result instanceof Connection connection && invocation.getMethod().getName().equals("getConnection")
                    ? new Counted(connection).proxy : result;
        });
        return counted.getProxy();
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
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(),
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
