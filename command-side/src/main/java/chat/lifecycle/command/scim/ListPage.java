package chat.lifecycle.command.scim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;

/**
 * A page of a list response (RFC 7644 section 3.4.2.4): {@code startIndex} from 1 (less counts as 1), {@code count}
 * at most {@value #MAX_RESULTS} (ServiceProviderConfig's {@code filter.maxResults}), 0 for the total only.
 */
record ListPage(long start, int size) {

    static final int MAX_RESULTS = 200;

    static ListPage of(String startIndex, String count) {
        long start = Math.max(1, number("startIndex", startIndex, 1));
        int size = (int) Math.min(MAX_RESULTS, Math.max(0, number("count", count, MAX_RESULTS)));
        return new ListPage(start, size);
    }

    long offset() {
        return start - 1;
    }

    ResponseEntity<Object> answer(long total, List<?> resources) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of(Scim.LIST_RESPONSE));
        body.put("totalResults", total);
        body.put("startIndex", start);
        body.put("itemsPerPage", resources.size());
        body.put("Resources", resources);
        return ResponseEntity.ok().contentType(Scim.MEDIA_TYPE).body(body);
    }

    private static long number(String parameter, String value, long absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ScimError.invalidValue(parameter + " must be an integer");
        }
    }
}
