package io.mcpplatform.server.admin.tenants;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpplatform.server.admin.http.Fields;
import io.mcpplatform.server.admin.http.ProblemException;
import io.mcpplatform.tenants.ClientPolicy;
import io.mcpplatform.tenants.EntraApp;
import io.mcpplatform.tenants.GraphSettings;
import io.mcpplatform.tenants.Tenant;
import io.mcpplatform.tenants.TenantLimits;
import io.mcpplatform.tenants.TenantStatus;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated tenant document (the body of {@code PUT /admin/v1/tenants/{slug}}). Parsing checks every field and
 * names the first bad one; nothing is stored here.
 */
record TenantInput(String displayName, TenantStatus status, String entraTenantId, String entraClientId,
                   String authority, CredentialInput credential, GraphSettings graph, ClientPolicy clientPolicy,
                   List<PreRegisteredClient> preRegistered, List<String> toolPacks, Tenant.McpMode mcpMode,
                   TenantLimits limits) {

    static final int MAX_NAME = 200;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    /**
     * @param body      the JSON object
     * @param toolPacks names of the packs this platform offers
     */
    static TenantInput parse(JsonNode body, Set<String> toolPacks) {
        Fields f = Fields.of(body, "", Set.of("displayName", "status", "entra", "graph", "clients", "toolPacks",
                "mcpMode", "limits", "slug"));
        String displayName = f.requiredString("displayName", 1, MAX_NAME);
        if (displayName.isBlank()) {
            throw ProblemException.invalid("displayName", "displayName must not be blank");
        }
        TenantStatus status = f.choice("status", TenantStatus.class).orElse(TenantStatus.ACTIVE);
        Fields entra = f.object("entra", Set.of("tenantId", "clientId", "authority", "credential"))
                .orElseThrow(() -> ProblemException.invalid("entra", "entra is required"));
        String tid = entra.guid("tenantId").orElseThrow(() -> ProblemException.invalid("entra.tenantId",
                "entra.tenantId is required"));
        String clientId = entra.guid("clientId").orElseThrow(() -> ProblemException.invalid("entra.clientId",
                "entra.clientId is required"));
        String authority = entra.string("authority", 1, 200).map(a -> https(a, "entra.authority"))
                .orElse(EntraApp.PUBLIC_CLOUD);
        CredentialInput credential = credential(entra.object("credential",
                        Set.of("type", "secret", "env", "file", "source", "pem", "stored"))
                .orElseThrow(() -> ProblemException.invalid("entra.credential", "entra.credential is required")));
        GraphSettings graph = f.object("graph", Set.of("scopes", "adminGroupId")).map(TenantInput::graph)
                .orElse(GraphSettings.defaults());
        Optional<Fields> clients = f.object("clients", Set.of("dynamicRegistration", "metadataDocuments",
                "redirectAllowList", "preRegistered"));
        ClientPolicy policy = clients.map(TenantInput::policy).orElse(ClientPolicy.defaults());
        List<PreRegisteredClient> pre = clients.map(TenantInput::preRegistered).orElse(List.of());
        List<String> packs = f.strings("toolPacks", 20, 40).orElse(List.of("echo"));
        for (int i = 0; i < packs.size(); i++) {
            if (!toolPacks.contains(packs.get(i))) {
                throw ProblemException.invalid("toolPacks[" + i + "]", "toolPacks[" + i + "]: unknown tool pack '"
                        + packs.get(i) + "' (offered: " + new java.util.TreeSet<>(toolPacks) + ")");
            }
        }
        Tenant.McpMode mode = f.choice("mcpMode", Tenant.McpMode.class).orElse(Tenant.McpMode.STATEFUL);
        TenantLimits limits = f.object("limits", Set.of("requestsPerSecond", "sessions", "clients"))
                .map(l -> new TenantLimits(l.integer("requestsPerSecond", 1, TenantLimits.MAX),
                        l.integer("sessions", 1, TenantLimits.MAX), l.integer("clients", 1, TenantLimits.MAX)))
                .orElse(TenantLimits.defaults());
        return new TenantInput(displayName, status, tid.toLowerCase(), clientId.toLowerCase(), authority, credential,
                graph, policy, pre, packs, mode, limits);
    }

    private static CredentialInput credential(Fields c) {
        String type = c.requiredString("type", 1, 20);
        switch (type) {
            case "secret" -> {
                only(c, "secret", "env", "file");
                if (c.has("secret")) {
                    return new CredentialInput.Value("secret", c.requiredString("secret", 1, 1024));
                }
                if (c.has("env")) {
                    String env = c.requiredString("env", 1, 128);
                    if (!ENV_NAME.matcher(env).matches()) {
                        throw ProblemException.invalid(c.path("env"), c.path("env") + " must be an environment variable name");
                    }
                    return new CredentialInput.Reference("secret:env:" + env);
                }
                if (c.has("file")) {
                    return new CredentialInput.Reference("secret:file:" + file(c));
                }
                return new CredentialInput.KeepStored("secret");
            }
            case "certificate" -> {
                only(c, "pem", "file");
                if (c.has("pem")) {
                    String pem = c.requiredString("pem", 1, 32_000);
                    if (!pem.contains("-----BEGIN PRIVATE KEY-----") || !pem.contains("-----BEGIN CERTIFICATE-----")) {
                        throw ProblemException.invalid(c.path("pem"), c.path("pem")
                                + " must hold an unencrypted PKCS#8 private key and a certificate (PEM)");
                    }
                    return new CredentialInput.Value("certificate", pem);
                }
                if (c.has("file")) {
                    return new CredentialInput.Reference("certificate:file:" + file(c));
                }
                return new CredentialInput.KeepStored("certificate");
            }
            case "federated" -> {
                only(c, "source", "file");
                if (c.has("file")) {
                    return new CredentialInput.Reference("federated:file:" + file(c));
                }
                String source = c.string("source", 1, 10).orElse("env");
                if (!source.equals("env")) {
                    throw ProblemException.invalid(c.path("source"), c.path("source")
                            + " must be env (AZURE_FEDERATED_TOKEN_FILE), or give file");
                }
                return new CredentialInput.Reference("federated:env");
            }
            default -> throw ProblemException.invalid(c.path("type"), c.path("type")
                    + " must be secret, certificate or federated");
        }
    }

    /** At most one of the value fields of this credential type, and none of the others' (except the read-back ones). */
    private static void only(Fields c, String... allowed) {
        Set<String> own = Set.of(allowed);
        int given = 0;
        for (String name : new String[]{"secret", "env", "file", "source", "pem"}) {
            if (c.has(name)) {
                if (!own.contains(name)) {
                    throw ProblemException.invalid(c.path(name), c.path(name) + " does not belong to type "
                            + c.raw("type").asText());
                }
                given++;
            }
        }
        if (given > 1) {
            throw ProblemException.invalid(c.path("type"), "give only one of " + own + " for this type");
        }
    }

    private static String file(Fields c) {
        String file = c.requiredString("file", 2, 1024);
        if (!file.startsWith("/")) {
            throw ProblemException.invalid(c.path("file"), c.path("file") + " must be an absolute path");
        }
        return file;
    }

    private static String https(String url, String path) {
        try {
            URI uri = new URI(url);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException();
            }
            return url.replaceAll("/+$", "");
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw ProblemException.invalid(path, path + " must be an https URL such as " + EntraApp.PUBLIC_CLOUD);
        }
    }

    private static GraphSettings graph(Fields g) {
        List<String> scopes = g.strings("scopes", GraphSettings.MAX_SCOPES, 100).orElse(List.of("User.Read"));
        if (scopes.isEmpty()) {
            throw ProblemException.invalid("graph.scopes", "graph.scopes must list 1 to " + GraphSettings.MAX_SCOPES);
        }
        for (int i = 0; i < scopes.size(); i++) {
            if (scopes.get(i).contains("://")) {
                throw ProblemException.invalid("graph.scopes[" + i + "]", "graph.scopes[" + i
                        + "] must be a bare scope name such as User.Read");
            }
        }
        return new GraphSettings(scopes, g.guid("adminGroupId"));
    }

    private static ClientPolicy policy(Fields c) {
        List<String> redirects = c.strings("redirectAllowList", 50, 2000).orElse(ClientPolicy.DEFAULT_REDIRECTS);
        for (int i = 0; i < redirects.size(); i++) {
            redirect(redirects.get(i), "clients.redirectAllowList[" + i + "]", true);
        }
        return new ClientPolicy(c.bool("dynamicRegistration").orElse(true), c.bool("metadataDocuments").orElse(true),
                redirects);
    }

    private static void redirect(String value, String path, boolean patterns) {
        String base = patterns ? value.replaceAll("(:\\*|/\\*)$", "") : value;
        boolean loopback = base.startsWith("http://127.0.0.1") || base.startsWith("http://localhost")
                || base.startsWith("http://[::1]");
        try {
            URI uri = new URI(base);
            if (uri.getHost() == null || uri.getRawFragment() != null || uri.getRawUserInfo() != null
                    || !("https".equals(uri.getScheme()) || loopback)) {
                throw new IllegalArgumentException();
            }
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw ProblemException.invalid(path, path + " must be an https URL or a loopback http URL"
                    + (patterns ? " (optionally ending in :* or /*)" : ""));
        }
    }

    private static List<PreRegisteredClient> preRegistered(Fields c) {
        JsonNode list = c.raw("preRegistered");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray() || list.size() > 50) {
            throw ProblemException.invalid("clients.preRegistered", "clients.preRegistered must be an array of at most 50");
        }
        List<PreRegisteredClient> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "clients.preRegistered[" + i + "]";
            Fields p = Fields.of(list.get(i), path, Set.of("clientId", "clientName", "redirectUris"));
            String id = p.requiredString("clientId", 1, 200);
            if (!CLIENT_ID.matcher(id).matches()) {
                throw ProblemException.invalid(p.path("clientId"), p.path("clientId")
                        + " may hold letters, digits and . _ : - only");
            }
            if (out.stream().anyMatch(x -> x.clientId().equals(id))) {
                throw ProblemException.invalid(p.path("clientId"), p.path("clientId") + " repeats " + id);
            }
            List<String> uris = p.strings("redirectUris", 10, 2000).orElse(List.of());
            if (uris.isEmpty()) {
                throw ProblemException.invalid(p.path("redirectUris"), p.path("redirectUris") + " must list 1 to 10");
            }
            for (int j = 0; j < uris.size(); j++) {
                redirect(uris.get(j), p.path("redirectUris") + "[" + j + "]", false);
            }
            out.add(new PreRegisteredClient(id, p.string("clientName", 1, MAX_NAME).orElse(id), uris));
        }
        return out;
    }
}
