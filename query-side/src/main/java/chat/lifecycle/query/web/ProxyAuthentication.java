package chat.lifecycle.query.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authentication of the query side when it runs alone behind the reverse proxy: the proxy has checked the caller's
 * credentials with the command side ({@code auth_request}) and passes who they are in {@code X-Lifecycle-*}
 * headers, overwriting any a client sent. Only for that topology ({@code lifecycle.query.proxy-authentication});
 * the query side must then be reachable through the proxy only.
 */
@Configuration
@ConditionalOnProperty(name = "lifecycle.query.proxy-authentication", havingValue = "true")
@EnableMethodSecurity
public class ProxyAuthentication {

    static final String USER_ID = "X-Lifecycle-User-Id";
    static final String PERMISSIONS = "X-Lifecycle-Permissions";

    @Bean
    SecurityFilterChain proxied(HttpSecurity http, ObjectMapper json) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new TrustedHeaders(), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(routes -> routes
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/error").permitAll()
                        // this side's own API document, for whoever reaches the node itself
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> write(response, 401, json, Map.of(
                                "success", false, "error", "You must be logged in to do this.", "status", "error",
                                "message", "You must be logged in to do this.")))
                        .accessDeniedHandler((request, response, e) -> write(response, 403, json, Map.of(
                                "success", false, "error",
                                "User does not have the permissions required for this action [error-unauthorized]"))))
                .build();
    }

    private static void write(HttpServletResponse response, int status, ObjectMapper json, Map<String, Object> body)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), new LinkedHashMap<>(body));
    }

    /** The principal's name is the user id and the authorities the permissions, as in the all-in-one server. */
    static class TrustedHeaders extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String userId = request.getHeader(USER_ID);
            if (userId != null && !userId.isBlank()) {
                String permissions = request.getHeader(PERMISSIONS);
                var authorities = permissions == null ? java.util.List.<SimpleGrantedAuthority>of()
                        : Arrays.stream(permissions.split(",")).filter(p -> !p.isBlank())
                        .map(SimpleGrantedAuthority::new).toList();
                SecurityContextHolder.getContext().setAuthentication(
                        new UsernamePasswordAuthenticationToken(userId, null, authorities));
            }
            chain.doFilter(request, response);
        }
    }
}
