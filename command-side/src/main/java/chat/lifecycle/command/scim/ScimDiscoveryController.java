package chat.lifecycle.command.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a SCIM client learns about this server (RFC 7644 section 4): ServiceProviderConfig, ResourceTypes and
 * Schemas, static documents under {@code scim/} on the classpath that say what is supported. Any other SCIM path is
 * a SCIM 404.
 */
@RestController
@RequestMapping(Scim.ROUTES)
class ScimDiscoveryController {

    private final JsonNode serviceProviderConfig;
    private final JsonNode userResourceType;
    private final JsonNode userSchema;

    ScimDiscoveryController(ObjectMapper json) {
        this.serviceProviderConfig = read(json, "ServiceProviderConfig.json");
        this.userResourceType = read(json, "ResourceType-User.json");
        this.userSchema = read(json, "Schema-User.json");
    }

    @GetMapping("/ServiceProviderConfig")
    ResponseEntity<Object> serviceProviderConfig() {
        return document(serviceProviderConfig);
    }

    @GetMapping("/ResourceTypes")
    ResponseEntity<Object> resourceTypes() {
        return list(userResourceType);
    }

    @GetMapping("/ResourceTypes/{name}")
    ResponseEntity<Object> resourceType(@PathVariable String name) {
        return one(userResourceType, "User".equals(name), "resource type " + name);
    }

    @GetMapping("/Schemas")
    ResponseEntity<Object> schemas() {
        return list(userSchema);
    }

    @GetMapping("/Schemas/{id}")
    ResponseEntity<Object> schema(@PathVariable String id) {
        return one(userSchema, Scim.USER_SCHEMA.equals(id), "schema " + id);
    }

    /** Groups and Bulk are not served, nor anything else under {@code /scim/v2}. */
    @RequestMapping("/**")
    ResponseEntity<Object> unknown(HttpServletRequest request) {
        throw ScimError.notFound("no SCIM endpoint " + request.getMethod() + " " + request.getRequestURI());
    }

    private static ResponseEntity<Object> one(JsonNode document, boolean found, String what) {
        if (!found) {
            throw ScimError.notFound("no " + what);
        }
        return document(document);
    }

    private static ResponseEntity<Object> list(JsonNode resource) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of(Scim.LIST_RESPONSE));
        body.put("totalResults", 1);
        body.put("startIndex", 1);
        body.put("itemsPerPage", 1);
        body.put("Resources", List.of(resource));
        return document(body);
    }

    private static ResponseEntity<Object> document(Object body) {
        return ResponseEntity.ok().contentType(Scim.MEDIA_TYPE).body(body);
    }

    private static JsonNode read(ObjectMapper json, String file) {
        try (InputStream in = new ClassPathResource("scim/" + file).getInputStream()) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scim/" + file, e);
        }
    }
}
