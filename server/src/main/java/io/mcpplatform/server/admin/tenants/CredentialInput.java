package io.mcpplatform.server.admin.tenants;

/** The {@code entra.credential} of a tenant document, before anything is stored. */
sealed interface CredentialInput {
    /** A reference kept as written ({@code secret:env:…}, {@code certificate:file:…}, {@code federated:…}). */
    record Reference(String reference) implements CredentialInput {
    }

    /** A value to seal ({@code kind} secret or certificate). */
    record Value(String kind, String value) implements CredentialInput {
    }

    /** {@code {"type":"secret"}} or {@code {"type":"certificate"}} without a value: keep the stored one. */
    record KeepStored(String kind) implements CredentialInput {
    }
}
