package chat.lifecycle.command.scim;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/**
 * The security chain's refusal on the SCIM routes of a request without a valid token: a SCIM 401, with the
 * {@code WWW-Authenticate: Bearer} challenge RFC 7644 section 2 points to. (Without {@code manage-scim}, the
 * controllers' {@code @PreAuthorize} refuses, and {@link ScimErrorHandler} answers 403.)
 */
@Component
public class ScimRefusals implements AuthenticationEntryPoint {

    /** The routes this entry point answers for. */
    public static final String ROUTES = Scim.ROUTES + "/**";

    private final ObjectMapper json;

    public ScimRefusals(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scim\"");
        ScimError refusal = ScimError.unauthorized();
        response.setStatus(refusal.status().value());
        response.setContentType(Scim.MEDIA_TYPE.toString());
        json.writeValue(response.getOutputStream(), refusal.body());
    }
}
