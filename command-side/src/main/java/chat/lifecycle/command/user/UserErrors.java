package chat.lifecycle.command.user;

import chat.lifecycle.platform.web.ApiException;
import chat.lifecycle.command.user.UserRuleViolation;
import java.util.Map;

/** Rocket.Chat's error body for each user rule. */
public final class UserErrors {

    private static final String SET_STATUS = "setUserActiveStatus";

    private UserErrors() {
    }

    public static ApiException of(UserRuleViolation violation) {
        return switch (violation.rule()) {
            case USER_IS_FEDERATED -> ApiException.meteor("error-user-is-federated",
                    "Cannot change federated users status", Map.of("method", SET_STATUS));
            case LAST_ACTIVE_ADMIN -> ApiException.meteor("error-action-not-allowed",
                    "Leaving the app without an active admin is not allowed",
                    Map.of("method", "removeUserFromRole", "action", "Remove_last_admin"));
            case USER_NOT_ACTIVATED -> ApiException.meteor("error-user-is-not-activated", "User is not activated",
                    null);
            case USERNAME_TAKEN, EMAIL_TAKEN -> ApiException.meteor("error-field-unavailable",
                    violation.subject() + " is already in use :(", null);
            case ALREADY_IN_ROLE -> ApiException.meteor("error-user-already-in-role", "User already in role", null);
            case LAST_OWNER_OF_ROOMS -> ApiException.meteor("user-last-owner", "", Map.of(
                    "shouldBeRemoved", violation.rooms().shouldBeRemoved(),
                    "shouldChangeOwner", violation.rooms().shouldChangeOwner()));
            case TOKEN_NAME_TAKEN -> ApiException.meteor("error-token-already-exists",
                    "A token with this name already exists", Map.of("method", "personalAccessTokens:generateToken"));
            case TOKEN_NOT_FOUND -> ApiException.meteor("error-token-does-not-exists", "Token does not exist",
                    Map.of("method", "personalAccessTokens:removeToken"));
        };
    }

    static ApiException notAllowed() {
        return ApiException.meteor("error-not-allowed", "Not allowed", Map.of("method", SET_STATUS));
    }
}
