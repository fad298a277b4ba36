package chat.lifecycle.command.scim;

import chat.lifecycle.command.scim.ScimGroupDirectory.StoredGroup;
import chat.lifecycle.command.security.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /scim/v2/Groups}: the server-wide roles, whose members an identity provider adds and removes. The roles
 * themselves are the server's: they are neither created nor deleted here (501).
 */
@RestController
@PreAuthorize("hasAuthority('manage-scim')") // an identity provider's user; admins by default
@RequestMapping(Scim.ROUTES + "/Groups")
class ScimGroupsController {

    private final ScimGroupDirectory directory;
    private final ScimProvisioning provisioning;

    ScimGroupsController(ScimGroupDirectory directory, ScimProvisioning provisioning) {
        this.directory = directory;
        this.provisioning = provisioning;
    }

    /** Entra ID asks for groups without members ({@code excludedAttributes=members}) when it only looks one up. */
    @GetMapping
    ResponseEntity<Object> list(@RequestParam(required = false) String filter,
                                @RequestParam(required = false) String startIndex,
                                @RequestParam(required = false) String count,
                                @RequestParam(required = false) String excludedAttributes) {
        ListPage page = ListPage.of(startIndex, count);
        ScimFilter.Condition condition = ScimFilter.parse(filter, ScimFilter.GROUPS);
        boolean members = excludedAttributes == null
                || !excludedAttributes.toLowerCase(java.util.Locale.ROOT).contains("members");
        var groups = directory.search(condition, page.offset(), page.size(), members);
        return page.answer(directory.count(condition), groups.stream().map(ScimGroup::of).toList());
    }

    @GetMapping("/{id}")
    ResponseEntity<Object> get(@PathVariable String id) {
        return resource(find(id));
    }

    @PutMapping("/{id}")
    ResponseEntity<Object> replace(@AuthenticationPrincipal Caller caller, @PathVariable String id,
                                   @RequestBody JsonNode body) {
        return change(caller, id, group -> MemberChanges.replacing(group, body));
    }

    @PatchMapping("/{id}")
    ResponseEntity<Object> patch(@AuthenticationPrincipal Caller caller, @PathVariable String id,
                                 @RequestBody JsonNode body) {
        return change(caller, id, group -> MemberChanges.patching(group, body));
    }

    @PostMapping
    ResponseEntity<Object> create() {
        throw new ScimError(HttpStatus.NOT_IMPLEMENTED, null, "groups are the server's roles: none can be created");
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Object> delete(@PathVariable String id) {
        throw new ScimError(HttpStatus.NOT_IMPLEMENTED, null, "groups are the server's roles: none can be deleted");
    }

    private ResponseEntity<Object> change(Caller caller, String id, Function<StoredGroup, MemberChanges> request) {
        StoredGroup group = find(id);
        provisioning.changeMembers(group.id(), request.apply(group), caller.actor());
        return resource(find(id));
    }

    private StoredGroup find(String id) {
        return directory.byId(id).orElseThrow(() -> ScimError.notFound("no group " + id));
    }

    private static ResponseEntity<Object> resource(StoredGroup group) {
        return ResponseEntity.ok().contentType(Scim.MEDIA_TYPE).body(ScimGroup.of(group));
    }
}
