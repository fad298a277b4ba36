package chat.lifecycle.command.user;

import chat.lifecycle.command.user.UserAccounts.Account;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The user document Rocket.Chat returns from {@code users.create} and in the login's {@code me}. */
public final class UserDocuments {

    private UserDocuments() {
    }

    public static Map<String, Object> of(Account account) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("_id", account.id());
        user.put("createdAt", account.createdAt().toString());
        user.put("username", account.username());
        if (account.email() != null) {
            user.put("emails", List.of(Map.of("address", account.email(), "verified", account.emailVerified())));
        }
        user.put("type", "user");
        user.put("status", "offline");
        user.put("active", account.active());
        user.put("name", account.name());
        user.put("roles", List.copyOf(account.roles()));
        if (account.lastLogin() != null) {
            user.put("lastLogin", account.lastLogin().toString());
        }
        user.put("settings", Map.of());
        return user;
    }
}
