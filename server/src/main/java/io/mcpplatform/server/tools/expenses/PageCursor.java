package io.mcpplatform.server.tools.expenses;

import io.mcpplatform.server.tools.support.ToolInputException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in a user's expense list: the last (date, id) of the previous page. On the wire it is opaque (base64url of
 * a versioned text) and bound to the filters and the user (tenant and oid) it was issued for, so a cursor reused with
 * other filters or by another user, cut, or edited is rejected instead of silently skipping rows. It needs no secret:
 * row-level security already confines a cursor to its user's own rows, so forging one can only reach what the user may
 * read anyway; the owner binding makes another user's cursor a precise error rather than a page of one's own rows.
 *
 * @param date the date of the last row returned
 * @param id   its id
 */
public record PageCursor(LocalDate date, UUID id) {
    /** Longest cursor accepted. */
    public static final int MAX_LENGTH = 200;
    private static final Pattern TEXT = Pattern.compile(
            "^e1\\|(\\d{4}-\\d{2}-\\d{2})\\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\|([0-9a-f]{16})$");

    public PageCursor {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(id, "id");
    }

    /**
     * The wire form, bound to the query's filters and its owner.
     *
     * @param owner the user the listing belongs to, e.g. {@code tenantId/oid}
     */
    public String encode(DateRange range, java.util.Optional<Category> category, String owner) {
        String text = "e1|" + date + "|" + id + "|" + filterTag(range, category, owner);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor issued for the same filters to the same owner.
     *
     * @throws ToolInputException naming argument {@code cursor} when it is malformed or belongs to other filters or
     *                            another user
     */
    public static PageCursor decode(String wire, DateRange range, java.util.Optional<Category> category,
                                    String owner) {
        if (wire.isEmpty() || wire.length() > MAX_LENGTH) {
            throw invalid();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(wire), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw invalid();
        }
        if (!m.group(3).equals(filterTag(range, category, owner))) {
            throw new ToolInputException("argument 'cursor' belongs to a listing with other filters (from, to, "
                    + "category) or of another user; repeat the same filters or start again without a cursor");
        }
        try {
            LocalDate date = LocalDate.parse(m.group(1));
            if (date.isBefore(DateRange.EARLIEST) || date.isAfter(DateRange.LATEST)) {
                throw invalid();
            }
            return new PageCursor(date, UUID.fromString(m.group(2)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ToolInputException invalid() {
        return new ToolInputException("argument 'cursor' is not a cursor returned by list_expenses (it is opaque: "
                + "pass nextCursor back unchanged)");
    }

    private static String filterTag(DateRange range, java.util.Optional<Category> category, String owner) {
        String filters = owner + "|" + range.from() + "|" + range.to() + "|" + category.map(Category::wire).orElse("*");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(filters.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
