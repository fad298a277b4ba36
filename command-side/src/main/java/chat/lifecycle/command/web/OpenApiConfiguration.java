package chat.lifecycle.command.web;

import chat.lifecycle.command.security.Caller;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.security.SecuritySchemes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the routes, at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}).
 * A route takes {@code X-User-Id} with {@code X-Auth-Token}, or an OAuth bearer token.
 */
@Configuration
@OpenAPIDefinition(
        info = @Info(title = "user-lifecycle", version = "v1",
                description = "Event-sourced user lifecycle backend with Rocket.Chat's REST API: login, users, "
                        + "setActiveStatus, roles, permissions, personal access tokens, OAuth 2 and rooms. "
                        + "Bodies are JSON; errors use Rocket.Chat's shapes."))
@SecuritySchemes({
        @SecurityScheme(name = "userId", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                paramName = "X-User-Id", description = "The signed-in user's id (with X-Auth-Token)"),
        @SecurityScheme(name = "authToken", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                paramName = "X-Auth-Token", description = "A login token or personal access token (with X-User-Id)"),
        @SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "An OAuth 2 access token, when X-User-Id and X-Auth-Token are absent")})
public class OpenApiConfiguration {

    static {
        // The caller is resolved from the authentication, not from the request's parameters, and the JSON body is
        // described by jsonBodies() below, not guessed as a query parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, ObjectNode.class);
    }

    /** Either both headers together, or a bearer token (annotations can only say "any one of them"). */
    @Bean
    OpenApiCustomizer credentials() {
        return openApi -> openApi.setSecurity(List.of(
                new SecurityRequirement().addList("userId").addList("authToken"),
                new SecurityRequirement().addList("bearer")));
    }

    /** A route that takes an {@link ObjectNode} reads its body as a JSON object ({@code JsonBody}). */
    @Bean
    OperationCustomizer jsonBodies() {
        return (operation, handler) -> {
            boolean readsBody = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(parameter -> parameter.getParameterType() == ObjectNode.class);
            if (readsBody && operation.getRequestBody() == null) {
                operation.setRequestBody(new RequestBody().required(false).content(new Content().addMediaType(
                        org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                        new MediaType().schema(new ObjectSchema()))));
            }
            return operation;
        };
    }
}
