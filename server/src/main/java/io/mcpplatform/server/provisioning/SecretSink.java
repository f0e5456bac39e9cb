package io.mcpplatform.server.provisioning;

import java.util.Optional;

/**
 * Where a new client secret goes, once, and where a later run may find it again (so that a second run or a resumed
 * one reuses a secret instead of minting another). Implementations never log the secret.
 */
public interface SecretSink {

    /** The secret written earlier, when this sink can give it back. */
    Optional<String> existing();

    /** Keeps {@code secret} for the operator; called once per new secret, before anything else uses it. */
    void write(String secret);
}
