package chat.lifecycle.command.scim;

import java.util.Locale;

/** Attribute names of the User schema as requests give them: any case, with or without the schema's URN. */
final class UserAttributes {

    private static final String PREFIX = Scim.USER_SCHEMA.toLowerCase(Locale.ROOT) + ":";

    private UserAttributes() {
    }

    /**
     * The attribute path in lower case, without the schema URN and without a value filter: {@code emails[type eq
     * "work"].value} is {@code emails.value}.
     */
    static String name(String path) {
        String name = path.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith(PREFIX)) {
            name = name.substring(PREFIX.length());
        }
        int open = name.indexOf('[');
        if (open >= 0) {
            int close = name.indexOf(']', open);
            if (close < 0) {
                throw ScimError.badRequest("invalidPath", "unbalanced [ in " + path);
            }
            name = name.substring(0, open) + name.substring(close + 1);
        }
        return name;
    }
}
