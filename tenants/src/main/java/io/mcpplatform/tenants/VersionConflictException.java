package io.mcpplatform.tenants;

/** A conditional write found another version than the caller expected; nothing was written. */
public final class VersionConflictException extends RuntimeException {
    private final long currentVersion;

    /**
     * @param currentVersion the version actually stored ({@code -1} when the tenant does not exist)
     */
    public VersionConflictException(long currentVersion) {
        super("the tenant was changed meanwhile (stored version " + currentVersion + ")");
        this.currentVersion = currentVersion;
    }

    /** The version actually stored, {@code -1} when there is none. */
    public long currentVersion() {
        return currentVersion;
    }
}
