package io.mcpplatform.server.admin.onboarding;

import io.mcpplatform.server.provisioning.SecretSink;

import java.util.Optional;

/**
 * The secret sink of provisioning inside the platform: the secret the platform already keeps sealed for the tenant
 * is the one a later run finds again; a new secret needs no other home, because the registration that follows seals
 * it into the tenant's stored credential (and the API never answers it).
 */
final class StoredSecretSink implements SecretSink {
    private final Optional<String> stored;

    StoredSecretSink(Optional<String> stored) {
        this.stored = stored;
    }

    @Override
    public Optional<String> existing() {
        return stored;
    }

    @Override
    public void write(String secret) {
        // kept by the tenant registration, which seals it (TenantService stores credential values sealed)
    }

    @Override
    public String toString() {
        return "StoredSecretSink[***]";
    }
}
