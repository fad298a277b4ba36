package chat.lifecycle.command.scim;

import chat.lifecycle.command.scim.ScimGroupDirectory.StoredGroup;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** A role as a SCIM Group resource (RFC 7643 section 4.2): its name and its members. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ScimGroup(List<String> schemas, String id, String displayName, List<Member> members, Meta meta) {

    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

    record Member(String value, String display, @JsonProperty("$ref") String ref, String type) {
    }

    record Meta(String resourceType, String location) {
    }

    static ScimGroup of(StoredGroup group) {
        List<Member> members = group.members() == null ? null : group.members().stream()
                .map(member -> new Member(member.id(), member.userName(), ScimUser.location(member.id()), "User"))
                .toList();
        return new ScimGroup(List.of(SCHEMA), group.id(), group.id(), members, new Meta("Group",
                ServletUriComponentsBuilder.fromCurrentContextPath().path(Scim.ROUTES + "/Groups/{id}")
                        .buildAndExpand(group.id()).toUriString()));
    }
}
