package chat.lifecycle.command.security;

import chat.lifecycle.platform.web.ApiException;
import chat.lifecycle.command.credentials.LoginTokens;
import chat.lifecycle.command.oauth.OAuthCredentials;
import chat.lifecycle.command.scim.ScimRefusals;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Stateless token authentication for every route but login and the OAuth grant endpoints: no sessions, no cookies, no CSRF (nothing is
 * authorised by a cookie). Refusals carry Rocket.Chat's exact 401 and 403 bodies; on the SCIM routes, a SCIM error
 * document.
 */
@Configuration
@EnableMethodSecurity // routes name the permissions they need with @PreAuthorize
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, LoginTokens loginTokens, OAuthCredentials oauth, ObjectMapper json,
                            ScimRefusals scim) throws Exception {
        RequestMatcher scimRoutes = PathPatternRequestMatcher.withDefaults().matcher(ScimRefusals.ROUTES);
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new TokenAuthenticationFilter(loginTokens, oauth),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(routes -> routes
                        .requestMatchers(HttpMethod.POST, "/api/v1/login", "/oauth/authorize", "/oauth/token")
                        .permitAll()
                        .requestMatchers("/api/info", "/error").permitAll()
                        // Operations: health and the Prometheus scrape are open; the rest of /actuator needs a user.
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                                "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(scim, scimRoutes)
                        .defaultAuthenticationEntryPointFor((request, response, e) ->
                                write(response, ApiException.unauthorized(), json), AnyRequestMatcher.INSTANCE)
                        .defaultAccessDeniedHandlerFor((request, response, e) ->
                                write(response, ApiException.forbidden(), json), AnyRequestMatcher.INSTANCE))
                .build();
    }

    /**
     * Rocket.Chat stores bcrypt hashes too (over the password's SHA-256: see Passwords); cost 10, as Rocket.Chat's,
     * keeps a login quick for a person while every guess stays expensive (a login's time: docs/performance.md).
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }

    private static void write(HttpServletResponse response, ApiException refusal, ObjectMapper json)
            throws IOException {
        response.setStatus(refusal.status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), refusal.body());
    }
}
