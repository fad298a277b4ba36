package chat.lifecycle.command.security;

import chat.lifecycle.command.credentials.LoginTokens;
import chat.lifecycle.command.oauth.OAuthCredentials;
import chat.lifecycle.command.permission.Permissions.Grantee;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code X-User-Id} + {@code X-Auth-Token}, or, when neither header is sent, an OAuth access token
 * from {@code Authorization: Bearer} or a plain {@code access_token} query parameter. The principal's name is the
 * user id and its authorities are the user's permissions, so the query side can authorise with plain Spring
 * Security types. Requests it cannot authenticate pass on anonymous, and the route's rule decides (401 for every
 * protected route).
 */
public class TokenAuthenticationFilter extends OncePerRequestFilter {

    static final String USER_ID = "X-User-Id";
    static final String AUTH_TOKEN = "X-Auth-Token";
    private static final String ACCESS_TOKEN = "access_token";

    private final LoginTokens loginTokens;
    private final OAuthCredentials oauth;

    public TokenAuthenticationFilter(LoginTokens loginTokens, OAuthCredentials oauth) {
        this.loginTokens = loginTokens;
        this.oauth = oauth;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String userId = request.getHeader(USER_ID);
        String token = request.getHeader(AUTH_TOKEN);
        if (userId != null || token != null) {
            if (userId != null && token != null && !token.isEmpty()) {
                loginTokens.ownerOf(token)
                        .filter(grantee -> grantee.userId().equals(userId))
                        .ifPresent(grantee -> authenticate(grantee, token));
            }
        } else {
            bearerToken(request).flatMap(oauth::bearerGrantee).ifPresent(grantee -> authenticate(grantee, null));
        }
        chain.doFilter(request, response);
    }

    /**
     * The bearer token, from the header or else from the query string, read raw so that a form body is never
     * consumed. Only a single plain {@code access_token=...} counts: {@code access_token[$ne]=x} and repeats are
     * refused rather than interpreted.
     */
    static Optional<String> bearerToken(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            return authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? Optional.of(authorization.substring(7).trim()).filter(t -> !t.isEmpty())
                    : Optional.empty();
        }
        String query = request.getQueryString();
        if (query == null) {
            return Optional.empty();
        }
        String found = null;
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.startsWith(ACCESS_TOKEN + "[") || (key.equals(ACCESS_TOKEN) && found != null)) {
                return Optional.empty();
            }
            if (key.equals(ACCESS_TOKEN) && equals > 0) {
                found = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return Optional.ofNullable(found).filter(t -> !t.isEmpty());
    }

    private void authenticate(Grantee grantee, String loginToken) {
        String userId = grantee.userId();
        Set<String> granted = grantee.permissions();
        var authorities = granted.stream().map(SimpleGrantedAuthority::new).toList();
        Caller caller = new Caller(userId, grantee.username(), loginToken, grantee.credentialEpoch(), granted);
        var authentication = new UsernamePasswordAuthenticationToken(caller, null, authorities);
        SecurityContextHolder.getContext().setAuthentication(authentication);
    }
}
