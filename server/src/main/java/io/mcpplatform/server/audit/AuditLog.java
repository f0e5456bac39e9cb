package io.mcpplatform.server.audit;

/** Records audited actions. Implementations must not block the caller on I/O for long. */
public interface AuditLog {
    /** Discards everything (tenants without sign-in in tests, or when auditing is off). */
    AuditLog NONE = event -> {
    };

    /** Records the event (possibly later, in a batch). */
    void record(AuditEvent event);
}
