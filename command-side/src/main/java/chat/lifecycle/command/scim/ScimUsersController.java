package chat.lifecycle.command.scim;

import chat.lifecycle.command.scim.ScimUserDirectory.Page;
import chat.lifecycle.command.scim.ScimUserDirectory.StoredUser;
import chat.lifecycle.command.security.Caller;
import chat.lifecycle.command.web.ReadYourWrites;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /scim/v2/Users} (RFC 7644 section 3): list with filter and paging, read, create, replace, patch and delete.
 * Every resource carries its version as {@code meta.version} and the {@code ETag} header; {@code If-Match} on a write
 * must name the current one (412 otherwise).
 */
@RestController
@PreAuthorize("hasAuthority('manage-scim')") // an identity provider's user; admins by default
@RequestMapping(Scim.ROUTES + "/Users")
class ScimUsersController {

    private final ScimUserDirectory directory;
    private final ScimProvisioning provisioning;
    private final ObjectProvider<ReadYourWrites> readYourWrites;

    ScimUsersController(ScimUserDirectory directory, ScimProvisioning provisioning,
                        ObjectProvider<ReadYourWrites> readYourWrites) {
        this.directory = directory;
        this.provisioning = provisioning;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping
    ResponseEntity<Object> list(@RequestParam(required = false) String filter,
                                @RequestParam(required = false) String startIndex,
                                @RequestParam(required = false) String count) {
        ListPage page = ListPage.of(startIndex, count);
        Page found = directory.search(ScimFilter.parse(filter, ScimFilter.USERS), page.offset(), page.size());
        return page.answer(found.total(), found.users().stream().map(ScimUser::of).toList());
    }

    @GetMapping("/{id}")
    ResponseEntity<Object> get(@PathVariable String id,
                               @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        StoredUser user = find(id);
        if (ifNoneMatch != null && ifNoneMatch.equals(ScimUser.etag(user.version()))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(ScimUser.etag(user.version())).build();
        }
        return resource(HttpStatus.OK, user);
    }

    @PostMapping
    ResponseEntity<Object> create(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        String id = provisioning.create(NewUser.of(body), caller.actor());
        StoredUser created = find(id);
        return ResponseEntity.created(URI.create(ScimUser.location(id))).eTag(ScimUser.etag(created.version()))
                .contentType(Scim.MEDIA_TYPE).body(ScimUser.of(created));
    }

    @PutMapping("/{id}")
    ResponseEntity<Object> replace(@AuthenticationPrincipal Caller caller, @PathVariable String id,
                                   @RequestBody JsonNode body,
                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return change(caller, id, ifMatch, user -> UserChanges.replacing(user, body));
    }

    @PatchMapping("/{id}")
    ResponseEntity<Object> patch(@AuthenticationPrincipal Caller caller, @PathVariable String id,
                                 @RequestBody JsonNode body,
                                 @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return change(caller, id, ifMatch, user -> UserChanges.patching(user, body));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id,
                                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        find(id);
        provisioning.delete(id, IfMatch.version(ifMatch), caller.actor());
        readYourWrites.ifAvailable(ReadYourWrites::awaitWritesProcessed); // no body, so no body advice
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<Object> change(Caller caller, String id, String ifMatch,
                                          Function<StoredUser, UserChanges> request) {
        StoredUser user = find(id);
        provisioning.change(user, request.apply(user), IfMatch.version(ifMatch), caller.actor());
        return resource(HttpStatus.OK, find(id));
    }

    private StoredUser find(String id) {
        return directory.byId(id).orElseThrow(() -> ScimError.notFound("no user " + id));
    }

    private static ResponseEntity<Object> resource(HttpStatus status, StoredUser user) {
        return ResponseEntity.status(status).eTag(ScimUser.etag(user.version())).contentType(Scim.MEDIA_TYPE)
                .body(ScimUser.of(user));
    }
}
