package chat.lifecycle.command.credentials;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lifecycle.login.block.*}: Rocket.Chat's {@code Block_Multiple_Failed_Logins_*} settings, with their
 * defaults. A login is blocked while {@code attempts} failures, counted since the last successful login, lie
 * within {@code unblock-after}; {@code attempts} of 0 blocks nothing (Rocket.Chat's "misconfigured").
 */
@ConfigurationProperties("lifecycle.login.block")
public record LoginBlocking(
        @DefaultValue("true") boolean enabled, // Block_Multiple_Failed_Logins_Enabled
        @DefaultValue ByUser user,
        @DefaultValue ByIp ip) {

    /** What both limits have. */
    public interface Limit {
        boolean enabled();

        int attempts();

        Duration unblockAfter();
    }

    /**
     * By login name: {@code _By_User}, {@code _Attempts_Until_Block_by_User},
     * {@code _Time_To_Unblock_By_User_In_Minutes}.
     */
    public record ByUser(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10") int attempts,
            @DefaultValue("5m") Duration unblockAfter) implements Limit {
    }

    /**
     * By client address: {@code _By_Ip}, {@code _Attempts_Until_Block_By_Ip},
     * {@code _Time_To_Unblock_By_Ip_In_Minutes}, and {@code _Ip_Whitelist} (addresses as the server sees them,
     * never blocked by address).
     */
    public record ByIp(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("50") int attempts,
            @DefaultValue("5m") Duration unblockAfter,
            @DefaultValue List<String> whitelist) implements Limit {
    }
}
