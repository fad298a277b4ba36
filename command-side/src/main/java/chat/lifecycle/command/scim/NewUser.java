package chat.lifecycle.command.scim;

import chat.lifecycle.command.user.AccountNames;
import chat.lifecycle.command.web.Columns;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A user to create, from a POSTed User resource. {@code userName} and an email are required and follow the
 * rules of {@code users.create}; the name is {@code name.formatted}, else given and family name, else
 * {@code displayName}, else the userName. Without a password the user cannot log in with one.
 */
record NewUser(String userName, String name, String email, String password, boolean active, String externalId) {

    static NewUser of(JsonNode resource) {
        if (resource == null || !resource.isObject()) {
            throw ScimError.badRequest("invalidSyntax", "the body must be a User resource");
        }
        if (!resource.hasNonNull("userName")) {
            throw ScimError.invalidValue("userName is required");
        }
        String userName = ScimValues.text(resource.get("userName"), "userName", Columns.NAME).trim();
        if (!AccountNames.validUsername(userName)) {
            throw ScimError.invalidValue("userName may hold only letters, digits, '-', '_' and '.'");
        }
        String email = ScimValues.email(resource.get("emails"));
        if (email == null) {
            throw ScimError.invalidValue("an email (emails[].value) is required");
        }
        if (!AccountNames.validEmail(email)) {
            throw ScimError.invalidValue("invalid email " + email);
        }
        String name = ScimValues.name(resource.get("name"));
        if (name == null && resource.hasNonNull("displayName")) {
            name = ScimValues.text(resource.get("displayName"), "displayName", Columns.NAME).trim();
        }
        if (name == null || name.isEmpty()) {
            name = userName;
        }
        String password = resource.hasNonNull("password")
                ? ScimValues.text(resource.get("password"), "password", Integer.MAX_VALUE) : null;
        boolean active = !resource.hasNonNull("active") || ScimValues.flag(resource.get("active"), "active");
        String externalId = ScimValues.textOrNull(resource.get("externalId"), "externalId", Columns.NAME);
        return new NewUser(userName, name, email, password, active, externalId);
    }

    /** Without the password, should it ever be logged. */
    @Override
    public String toString() {
        return "NewUser[" + userName + "]";
    }
}
