package io.mcpplatform.server.provisioning.cli;

import io.mcpplatform.server.entra.signin.MsalHttpClient;
import io.mcpplatform.server.graph.GraphConnection;
import io.mcpplatform.server.graph.GraphTransport;
import io.mcpplatform.server.graph.RetryPolicy;
import io.mcpplatform.server.oauth.PlatformUrls;
import io.mcpplatform.server.provisioning.AdminGroupPlan;
import io.mcpplatform.server.provisioning.CredentialPlan;
import io.mcpplatform.server.provisioning.Provisioner;
import io.mcpplatform.server.provisioning.ProvisioningException;
import io.mcpplatform.server.provisioning.ProvisioningPlan;
import io.mcpplatform.server.provisioning.ProvisioningReport;
import io.mcpplatform.server.provisioning.ToolPackScopes;
import io.mcpplatform.server.provisioning.directory.DirectoryClient;
import io.mcpplatform.server.provisioning.doctor.Doctor;
import io.mcpplatform.server.provisioning.doctor.DoctorTarget;
import io.mcpplatform.server.provisioning.doctor.Finding;
import io.mcpplatform.server.provisioning.doctor.MetadataProbe;
import io.mcpplatform.server.provisioning.doctor.Severity;
import io.mcpplatform.server.provisioning.registration.AdminApiKey;
import io.mcpplatform.server.provisioning.registration.AdminApiTenantRegistration;
import io.mcpplatform.tenants.EntraApp;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code bin/mcp-platform provision …} and {@code bin/mcp-platform doctor …}. Errors are one line on stderr; exit
 * codes: 0 done (doctor: no FAIL), 1 provisioning failed or doctor found a FAIL, 2 bad command line.
 * The Graph token comes from {@code --graph-token-file} or a device-code sign-in; the admin API key from
 * {@code MCP_ADMIN_API_KEY} or {@code --admin-key-file} (never from the command line, which other users can see).
 */
public final class ProvisioningMain {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> COMMON = Set.of("tenant", "entra-tenant-id", "public-url", "authority",
            "tool-packs", "credential", "oidc-issuer", "service-account", "graph-token-file", "graph-url",
            "entra-endpoint", "sign-in-client-id");
    private static final Set<String> PROVISION = union(COMMON, Set.of("display-name", "admin-url", "admin-key-file",
            "secret-file", "secret-days", "admin-group-id", "admin-group-name", "federated-name"));
    private static final Set<String> DOCTOR = union(COMMON, Set.of("client-id", "admin-url", "admin-key-file"));

    private ProvisioningMain() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err, System.getenv()));
    }

    /** Runs one command; returns the exit code. */
    static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        try {
            if (args.isEmpty()) {
                throw new CliArguments.UsageException("command expected: provision or doctor");
            }
            return switch (args.getFirst()) {
                case "provision" -> provision(CliArguments.parse(args.subList(1, args.size()), PROVISION), out, err, env);
                case "doctor" -> doctor(CliArguments.parse(args.subList(1, args.size()), DOCTOR), out, err, env);
                default -> throw new CliArguments.UsageException("unknown command '" + args.getFirst()
                        + "' (provision, doctor)");
            };
        } catch (CliArguments.UsageException | IllegalArgumentException e) {
            err.println("mcp-platform: " + e.getMessage());
            return 2;
        } catch (ProvisioningException | IllegalStateException | UncheckedIOException e) {
            err.println("mcp-platform: " + e.getMessage());
            return 1;
        }
    }

    private static int provision(CliArguments a, PrintStream out, PrintStream err, Map<String, String> env) {
        String slug = a.required("tenant");
        List<String> packs = a.list("tool-packs", "echo");
        ProvisioningPlan plan = new ProvisioningPlan(slug, a.optional("display-name").orElse(slug),
                a.required("entra-tenant-id"), authority(a), callback(a, slug), packs, ToolPackScopes.forPacks(packs),
                credential(a), adminGroup(a, slug));
        AdminApiTenantRegistration registration = new AdminApiTenantRegistration(URI.create(a.required("admin-url")),
                adminKey(a, env), TIMEOUT);
        Set<String> scopes = new LinkedHashSet<>(List.of("https://graph.microsoft.com/Application.ReadWrite.All",
                "https://graph.microsoft.com/DelegatedPermissionGrant.ReadWrite.All"));
        if (plan.adminGroup().orElse(null) instanceof AdminGroupPlan.Named) {
            scopes.add("https://graph.microsoft.com/Group.ReadWrite.All");
        }
        DirectoryClient directory = directory(a, plan.authority(), plan.directoryTenantId(), scopes, err);
        ProvisioningReport report = new Provisioner(directory, registration, Clock.systemUTC()).provision(plan);
        report.steps().forEach(s -> out.println("mcp-platform: " + s));
        out.println("mcp-platform: tenant " + slug + " provisioned: app " + report.appId() + " in directory "
                + report.tenantId() + (report.unchanged() ? " (nothing changed)" : ""));
        return 0;
    }

    private static int doctor(CliArguments a, PrintStream out, PrintStream err, Map<String, String> env) {
        String slug = a.required("tenant");
        DoctorTarget target = DoctorSettings.target(a, slug, a.optional("admin-url").map(url ->
                new AdminApiTenantRegistration(URI.create(url), adminKey(a, env), TIMEOUT)));
        String authority = target.authority();
        DirectoryClient directory = directory(a, authority, target.tenantId(),
                Set.of("https://graph.microsoft.com/Application.Read.All",
                        "https://graph.microsoft.com/Directory.Read.All"), err);
        List<Finding> findings = new Doctor(directory, new MetadataProbe(TIMEOUT, rewrite(a, authority)),
                Clock.systemUTC()).examine(target);
        findings.forEach(out::println);
        long failed = findings.stream().filter(x -> x.severity() == Severity.FAIL).count();
        long warned = findings.stream().filter(x -> x.severity() == Severity.WARN).count();
        out.println("mcp-platform: doctor " + slug + ": " + failed + " failed, " + warned + " warning(s), "
                + (findings.size() - failed - warned) + " ok");
        return failed > 0 ? 1 : 0;
    }

    private static DirectoryClient directory(CliArguments a, String authority, String tenantId, Set<String> scopes,
                                             PrintStream err) {
        String token = a.optional("graph-token-file").map(f -> GraphSignIn.fromFile(Path.of(f)))
                .orElseGet(() -> GraphSignIn.deviceCode(authority, tenantId,
                        a.optional("sign-in-client-id").orElse(GraphSignIn.DEFAULT_CLIENT_ID), scopes,
                        new MsalHttpClient(TIMEOUT, rewrite(a, authority)), err));
        GraphConnection graph = new GraphConnection(URI.create(a.optional("graph-url")
                .orElse(GraphConnection.DEFAULT_BASE_URL)), TIMEOUT, RetryPolicy.defaults(Clock.systemUTC()));
        return new DirectoryClient(new GraphTransport(graph, rejected -> token));
    }

    static String authority(CliArguments a) {
        return a.optional("authority").orElse(EntraApp.PUBLIC_CLOUD).replaceAll("/+$", "");
    }

    /** {@code --entra-endpoint} (devstack): requests meant for the authority go there instead. */
    private static UnaryOperator<URI> rewrite(CliArguments a, String authority) {
        Optional<String> endpoint = a.optional("entra-endpoint").map(e -> e.replaceAll("/+$", ""));
        return uri -> endpoint.filter(e -> uri.toString().startsWith(authority + "/"))
                .map(e -> URI.create(e + uri.toString().substring(authority.length()))).orElse(uri);
    }

    static URI callback(CliArguments a, String slug) {
        return URI.create(new PlatformUrls(URI.create(a.required("public-url"))).oauth(slug, "callback"));
    }

    private static CredentialPlan credential(CliArguments a) {
        String kind = a.optional("credential").orElse("federated");
        return switch (kind) {
            case "federated" -> new CredentialPlan.Federated(a.optional("federated-name").orElse("mcp-platform"),
                    URI.create(a.required("oidc-issuer")), subject(a));
            case "secret" -> {
                int days = Integer.parseInt(a.optional("secret-days").orElse("180"));
                yield new CredentialPlan.Secret("mcp-platform", Duration.ofDays(days),
                        Duration.ofDays(Math.min(30, days / 2)), new FileSecretSink(Path.of(a.required("secret-file"))));
            }
            default -> throw new CliArguments.UsageException("--credential must be federated or secret");
        };
    }

    static String subject(CliArguments a) {
        return "system:serviceaccount:" + a.optional("service-account").orElse("mcp-platform:mcp-platform");
    }

    private static Optional<AdminGroupPlan> adminGroup(CliArguments a, String slug) {
        if (a.optional("admin-group-id").isPresent() && a.optional("admin-group-name").isPresent()) {
            throw new CliArguments.UsageException("give --admin-group-id or --admin-group-name, not both");
        }
        return a.optional("admin-group-id").<AdminGroupPlan>map(AdminGroupPlan.Existing::new)
                .or(() -> a.optional("admin-group-name").map(n -> new AdminGroupPlan.Named(n, "mcp-" + slug + "-admins")));
    }

    private static AdminApiKey adminKey(CliArguments a, Map<String, String> env) {
        Optional<String> fromFile = a.optional("admin-key-file").map(f -> {
            try {
                return Files.readString(Path.of(f)).strip();
            } catch (java.io.IOException e) {
                throw new UncheckedIOException("the admin key file " + f + " could not be read", e);
            }
        });
        return new AdminApiKey(fromFile.or(() -> Optional.ofNullable(env.get("MCP_ADMIN_API_KEY")))
                .orElseThrow(() -> new CliArguments.UsageException("the admin API key is required: set"
                        + " MCP_ADMIN_API_KEY or --admin-key-file")));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
