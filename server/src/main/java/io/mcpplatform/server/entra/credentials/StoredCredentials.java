package io.mcpplatform.server.entra.credentials;

import io.mcpplatform.server.crypto.SecretBox;
import io.mcpplatform.tenants.store.Database;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tenant credentials given to the admin API as values ({@code tenant_credentials}, V14): a client secret or a PEM
 * certificate with its key, sealed with the {@link SecretBox} (associated data {@code tenant_id|id}) under row-level
 * security on {@code app.tenant_id}. A stored value is named by a reference {@code secret:stored:{tenant}/{id}} or
 * {@code certificate:stored:{tenant}/{id}}; a new value gets a new row and so a new reference, which makes every
 * instance rebuild its Entra client. Values are never logged or returned by the API.
 */
public final class StoredCredentials {
    private static final Pattern REFERENCE = Pattern.compile(
            "(secret|certificate):stored:([0-9a-f-]{36})/([0-9a-f-]{36})");

    private final Database database;
    private final SecretBox box;
    private final Clock clock;

    public StoredCredentials(Database database, SecretBox box, Clock clock) {
        this.database = database;
        this.box = box;
        this.clock = clock;
    }

    /** Whether a credential reference names a stored value. */
    public static boolean isStored(String reference) {
        return reference != null && REFERENCE.matcher(reference).matches();
    }

    /** Seals and stores a value; returns its reference. */
    public String store(UUID tenantId, String kind, String value) {
        if (!kind.equals("secret") && !kind.equals("certificate")) {
            throw new IllegalArgumentException("kind must be secret or certificate");
        }
        UUID id = UUID.randomUUID();
        byte[] sealed = box.seal(value.getBytes(StandardCharsets.UTF_8), associatedData(tenantId, id));
        database.inTransaction(s -> scope(s, tenantId)
                .chain(() -> s.createNativeQuery("insert into tenant_credentials (id, tenant_id, kind, ciphertext,"
                                + " created_at) values (:id, :t, :k, :c, :now)")
                        .setParameter("id", id)
                        .setParameter("t", tenantId)
                        .setParameter("k", kind)
                        .setParameter("c", sealed)
                        .setParameter("now", clock.instant().truncatedTo(ChronoUnit.MICROS))
                        .executeUpdate()));
        return kind + ":stored:" + tenantId + "/" + id;
    }

    /** The value a reference names, if it is stored (and opens under this tenant and id). */
    public Optional<String> open(String reference) {
        Matcher m = REFERENCE.matcher(reference == null ? "" : reference);
        if (!m.matches()) {
            return Optional.empty();
        }
        UUID tenantId = UUID.fromString(m.group(2));
        UUID id = UUID.fromString(m.group(3));
        byte[] sealed = database.inTransaction(s -> scope(s, tenantId)
                .chain(() -> s.createNativeQuery("select ciphertext from tenant_credentials where id = :id"
                                + " and tenant_id = :t and kind = :k", byte[].class)
                        .setParameter("id", id)
                        .setParameter("t", tenantId)
                        .setParameter("k", m.group(1))
                        .getSingleResultOrNull()));
        return Optional.ofNullable(sealed)
                .map(c -> new String(box.open(c, associatedData(tenantId, id)), StandardCharsets.UTF_8));
    }

    /** Deletes the tenant's stored values except the one still referenced; returns how many went. */
    public int pruneExcept(UUID tenantId, String keptReference) {
        Matcher m = REFERENCE.matcher(keptReference == null ? "" : keptReference);
        UUID kept = m.matches() ? UUID.fromString(m.group(3)) : new UUID(0, 0);
        return database.inTransaction(s -> scope(s, tenantId)
                .chain(() -> s.createNativeQuery("delete from tenant_credentials where tenant_id = :t and id <> :id")
                        .setParameter("t", tenantId)
                        .setParameter("id", kept)
                        .executeUpdate()));
    }

    private static io.smallrye.mutiny.Uni<String> scope(org.hibernate.reactive.mutiny.Mutiny.Session s, UUID tenantId) {
        return s.createNativeQuery("select set_config('app.tenant_id', :t, true)", String.class)
                .setParameter("t", tenantId.toString())
                .getSingleResult();
    }

    private static byte[] associatedData(UUID tenantId, UUID id) {
        return (tenantId + "|" + id).getBytes(StandardCharsets.UTF_8);
    }
}
