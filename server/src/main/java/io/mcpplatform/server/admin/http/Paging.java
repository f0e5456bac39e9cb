package io.mcpplatform.server.admin.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ?limit=&offset=} of list routes (limit 1–200, default 50) and the page envelope
 * {@code {"items":[…],"total":N,"limit":L,"offset":O}}.
 */
public record Paging(int limit, int offset) {
    public static final int MAX_LIMIT = 200;

    public static Paging of(AdminRequest request) {
        return new Paging(number(request, "limit", 50, 1, MAX_LIMIT), number(request, "offset", 0, 0, 1_000_000));
    }

    private static int number(AdminRequest request, String name, int dflt, int min, int max) {
        String raw = request.query(name).orElse(null);
        if (raw == null) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw ProblemException.invalid(name, name + " must be an integer from " + min + " to " + max);
    }

    /** The page envelope. */
    public Map<String, Object> page(List<?> items, long total) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("total", total);
        page.put("limit", limit);
        page.put("offset", offset);
        return page;
    }
}
