package chat.lifecycle.command.web;

import chat.lifecycle.command.credentials.LoginTokens;
import chat.lifecycle.command.permission.Permissions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code X-User-Id} + {@code X-Auth-Token}. The principal's name is the user id and its authorities
 * are the user's permissions, so the query side can authorise with plain Spring Security types. Requests it
 * cannot authenticate pass on anonymous, and the route's rule decides (401 for every protected route).
 */
public class TokenAuthenticationFilter extends OncePerRequestFilter {

    static final String USER_ID = "X-User-Id";
    static final String AUTH_TOKEN = "X-Auth-Token";

    private final LoginTokens loginTokens;
    private final Permissions permissions;

    public TokenAuthenticationFilter(LoginTokens loginTokens, Permissions permissions) {
        this.loginTokens = loginTokens;
        this.permissions = permissions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String userId = request.getHeader(USER_ID);
        String token = request.getHeader(AUTH_TOKEN);
        if (userId != null && token != null && !token.isEmpty()) {
            loginTokens.ownerOf(token)
                    .filter(owner -> owner.userId().equals(userId))
                    .ifPresent(owner -> authenticate(owner, token));
        }
        chain.doFilter(request, response);
    }

    private void authenticate(LoginTokens.Owner owner, String token) {
        String userId = owner.userId();
        Set<String> granted = permissions.of(userId);
        var authorities = granted.stream().map(SimpleGrantedAuthority::new).toList();
        var authentication = new UsernamePasswordAuthenticationToken(userId, null, authorities);
        authentication.setDetails(new Caller(userId, owner.username(), token, granted));
        SecurityContextHolder.getContext().setAuthentication(authentication);
    }
}
