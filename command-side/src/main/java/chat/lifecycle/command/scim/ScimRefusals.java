package chat.lifecycle.command.scim;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * The security chain's refusals on the SCIM routes, as SCIM error documents: 401 without a valid token (with the
 * {@code WWW-Authenticate: Bearer} challenge RFC 7644 section 2 points to), 403 without {@code manage-scim}.
 */
@Component
public class ScimRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** The permission a SCIM client's user needs; admins hold it by default. */
    public static final String PERMISSION = "manage-scim";
    /** The routes the chain protects with {@link #PERMISSION}. */
    public static final String ROUTES = Scim.ROUTES + "/**";

    private final ObjectMapper json;

    public ScimRefusals(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scim\"");
        write(response, ScimError.unauthorized());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, ScimError.forbidden());
    }

    private void write(HttpServletResponse response, ScimError refusal) throws IOException {
        response.setStatus(refusal.status().value());
        response.setContentType(Scim.MEDIA_TYPE.toString());
        json.writeValue(response.getOutputStream(), refusal.body());
    }
}
