package chat.lifecycle.command.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
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
@PreAuthorize("hasAuthority('manage-scim')") // an identity provider's user; admins by default
@RequestMapping(Scim.ROUTES)
class ScimDiscoveryController {

    private final JsonNode serviceProviderConfig;
    private final List<JsonNode> resourceTypes;
    private final List<JsonNode> schemas;

    ScimDiscoveryController(ObjectMapper json) {
        this.serviceProviderConfig = read(json, "ServiceProviderConfig.json");
        this.resourceTypes = List.of(read(json, "ResourceType-User.json"), read(json, "ResourceType-Group.json"));
        this.schemas = List.of(read(json, "Schema-User.json"), read(json, "Schema-Group.json"));
    }

    @GetMapping("/ServiceProviderConfig")
    ResponseEntity<Object> serviceProviderConfig() {
        return ResponseEntity.ok().contentType(Scim.MEDIA_TYPE).body(serviceProviderConfig);
    }

    @GetMapping("/ResourceTypes")
    ResponseEntity<Object> resourceTypes() {
        return all(resourceTypes);
    }

    @GetMapping("/ResourceTypes/{id}")
    ResponseEntity<Object> resourceType(@PathVariable String id) {
        return one(resourceTypes, id, "resource type");
    }

    @GetMapping("/Schemas")
    ResponseEntity<Object> schemas() {
        return all(schemas);
    }

    @GetMapping("/Schemas/{id}")
    ResponseEntity<Object> schema(@PathVariable String id) {
        return one(schemas, id, "schema");
    }

    /** Bulk is not served, nor anything else under {@code /scim/v2}. */
    @RequestMapping("/**")
    ResponseEntity<Object> unknown(HttpServletRequest request) {
        throw ScimError.notFound("no SCIM endpoint " + request.getMethod() + " " + request.getRequestURI());
    }

    private static ResponseEntity<Object> all(List<JsonNode> documents) {
        return new ListPage(1, documents.size()).answer(documents.size(), documents);
    }

    private static ResponseEntity<Object> one(List<JsonNode> documents, String id, String what) {
        return documents.stream().filter(document -> document.path("id").asText().equals(id)).findFirst()
                .<ResponseEntity<Object>>map(document -> ResponseEntity.ok().contentType(Scim.MEDIA_TYPE)
                        .body(document))
                .orElseThrow(() -> ScimError.notFound("no " + what + " " + id));
    }

    private static JsonNode read(ObjectMapper json, String file) {
        try (InputStream in = new ClassPathResource("scim/" + file).getInputStream()) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scim/" + file, e);
        }
    }
}
