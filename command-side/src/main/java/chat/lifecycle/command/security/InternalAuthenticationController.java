package chat.lifecycle.command.security;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reverse proxy's authentication check in the split deployment ({@code auth_request}): it forwards a request's
 * credentials here, and passes who the caller is to the query side in trusted headers. Answers 204 with
 * {@code X-Lifecycle-User-Id}, {@code -Username} and {@code -Permissions}, or 401 through the security chain.
 * The proxy never routes this path from outside.
 */
@RestController
public class InternalAuthenticationController {

    public static final String USER_ID = "X-Lifecycle-User-Id";
    public static final String USERNAME = "X-Lifecycle-Username";
    public static final String PERMISSIONS = "X-Lifecycle-Permissions";

    @GetMapping("/internal/authenticate")
    public ResponseEntity<Void> authenticate(@AuthenticationPrincipal Caller caller) {
        return ResponseEntity.noContent()
                .header(USER_ID, caller.userId())
                .header(USERNAME, caller.username())
                .header(PERMISSIONS, String.join(",", caller.permissions()))
                .build();
    }
}
