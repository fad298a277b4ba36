package chat.lifecycle.command.deactivation;

import chat.lifecycle.command.AuditedCommands;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The resources the deactivation saga works with. */
@Configuration
public class DeactivationConfiguration {

    @Bean(destroyMethod = "shutdown")
    ExecutorService revocationExecutor(@Value("${lifecycle.deactivation.step-threads:4}") int threads) {
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "revocation-step");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    RevocationSteps revocationSteps(AuditedCommands commands, ExecutorService revocationExecutor,
                                    @Value("${lifecycle.deactivation.retry-after:PT10S}") Duration retryAfter) {
        return new RevocationSteps(commands, revocationExecutor, retryAfter);
    }
}
