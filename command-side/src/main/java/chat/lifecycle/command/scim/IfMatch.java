package chat.lifecycle.command.scim;

/** The version an {@code If-Match} header names: {@code W/"7"} or {@code "7"}; none for {@code *} or no header. */
final class IfMatch {

    private IfMatch() {
    }

    /** Null when any version will do; a tag that is no version of ours cannot match (412). */
    static Long version(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String tag = header.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ScimError.versionMismatch();
        }
    }
}
