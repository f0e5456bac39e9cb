package io.mcpplatform.server.entra.signin;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;
import io.mcpplatform.server.entra.EntraException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a tenant's credential reference ({@code EntraApp.credential()}) into an msal4j credential. Secrets and keys are
 * read when the app is built; a federated assertion is re-read from its file on every token request, so a rotated
 * workload-identity token is picked up. Errors name the reference kind and path, never the content.
 */
public final class CredentialResolver {
    /** The environment variable AKS workload identity sets to the projected token file. */
    public static final String FEDERATED_TOKEN_FILE_ENV = "AZURE_FEDERATED_TOKEN_FILE";
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final Function<String, String> environment;
    private final Function<String, java.util.Optional<String>> stored;

    /** Reads the process environment; no stored credentials. */
    public CredentialResolver() {
        this(System::getenv);
    }

    /** @param environment environment variable lookup (tests pass their own) */
    public CredentialResolver(Function<String, String> environment) {
        this(environment, reference -> java.util.Optional.empty());
    }

    /**
     * @param environment environment variable lookup
     * @param stored      opens {@code secret:stored:…} / {@code certificate:stored:…} references (the admin API's
     *                    sealed values)
     */
    public CredentialResolver(Function<String, String> environment,
                              Function<String, java.util.Optional<String>> stored) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.stored = Objects.requireNonNull(stored, "stored");
    }

    /**
     * @throws EntraException {@code invalid_client} when the reference cannot be resolved
     */
    public IClientCredential resolve(String reference) {
        if (reference.startsWith("secret:env:")) {
            String name = reference.substring("secret:env:".length());
            String value = environment.apply(name);
            if (value == null || value.isBlank()) {
                throw misconfigured("environment variable " + name + " (client secret) is not set");
            }
            return ClientCredentialFactory.createFromSecret(value.strip());
        }
        if (reference.startsWith("secret:file:")) {
            return ClientCredentialFactory.createFromSecret(readFile(Path.of(reference.substring("secret:file:".length())),
                    "client secret").strip());
        }
        if (reference.startsWith("certificate:file:")) {
            Path file = Path.of(reference.substring("certificate:file:".length()));
            return certificate(readFile(file, "certificate"), "certificate file " + file);
        }
        if (reference.startsWith("secret:stored:")) {
            return ClientCredentialFactory.createFromSecret(storedValue(reference).strip());
        }
        if (reference.startsWith("certificate:stored:")) {
            return certificate(storedValue(reference), "the stored certificate");
        }
        if (reference.startsWith("federated:file:")) {
            return federated(Path.of(reference.substring("federated:file:".length())));
        }
        if (reference.equals("federated:env")) {
            String file = environment.apply(FEDERATED_TOKEN_FILE_ENV);
            if (file == null || file.isBlank()) {
                throw misconfigured("environment variable " + FEDERATED_TOKEN_FILE_ENV + " is not set");
            }
            return federated(Path.of(file));
        }
        throw misconfigured("unknown credential reference kind");
    }

    private IClientCredential federated(Path file) {
        if (!Files.isReadable(file)) {
            throw misconfigured("federated token file " + file + " is not readable");
        }
        return ClientCredentialFactory.createFromCallback(() -> readFile(file, "federated token").strip());
    }

    private String storedValue(String reference) {
        return stored.apply(reference).orElseThrow(() -> misconfigured("the stored credential no longer exists"));
    }

    private IClientCredential certificate(String pem, String file) {
        PrivateKey key = null;
        List<X509Certificate> chain = new ArrayList<>();
        try {
            Matcher m = PEM_BLOCK.matcher(pem);
            CertificateFactory certificates = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                switch (m.group(1)) {
                    case "CERTIFICATE" -> chain.add((X509Certificate) certificates
                            .generateCertificate(new java.io.ByteArrayInputStream(der)));
                    case "PRIVATE KEY" -> key = privateKey(der);
                    default -> {
                        // other blocks (e.g. encrypted or PKCS#1 keys) are not supported
                    }
                }
            }
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw misconfigured(file + " is not a PEM with a PKCS#8 key and a certificate");
        }
        if (key == null || chain.isEmpty()) {
            throw misconfigured(file
                    + " must hold an unencrypted PKCS#8 private key (BEGIN PRIVATE KEY) and a certificate");
        }
        return chain.size() == 1
                ? ClientCredentialFactory.createFromCertificate(key, chain.getFirst())
                : ClientCredentialFactory.createFromCertificateChain(key, chain);
    }

    private static PrivateKey privateKey(byte[] der) throws java.security.GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (java.security.spec.InvalidKeySpecException e) {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        }
    }

    private static String readFile(Path file, String what) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            if (content.isBlank()) {
                throw misconfigured(what + " file " + file + " is empty");
            }
            return content;
        } catch (IOException e) {
            throw misconfigured(what + " file " + file + " is not readable");
        }
    }

    private static EntraException misconfigured(String message) {
        return new EntraException("invalid_client", "", "the tenant's Entra credential is unusable: " + message, null);
    }
}
