package chat.lifecycle.platform.ops;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * Puts the correlation and trace ids of the message being handled into the MDC for the time its handler runs, and
 * restores what was there before: a saga's log lines show the id of the request that set it off.
 */
public class CorrelationMdcInterceptor implements MessageHandlerInterceptor<Message<?>> {

    private static final String[] KEYS = {CorrelationId.KEY, CorrelationId.TRACE_KEY};

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        var metaData = unitOfWork.getMessage().getMetaData();
        Map<String, String> previous = new HashMap<>();
        for (String key : KEYS) {
            Object value = metaData.get(key);
            if (value != null) {
                previous.put(key, MDC.get(key));
                MDC.put(key, value.toString());
            }
        }
        try {
            return interceptorChain.proceed();
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            });
        }
    }
}
