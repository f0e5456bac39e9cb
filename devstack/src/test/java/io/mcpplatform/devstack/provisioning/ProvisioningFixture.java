package io.mcpplatform.devstack.provisioning;

import io.mcpplatform.devstack.entra.DemoDirectories;
import io.mcpplatform.devstack.entra.DemoUser;
import io.mcpplatform.devstack.entra.EntraStandIn;
import io.mcpplatform.devstack.graph.GraphStandIn;
import io.mcpplatform.server.graph.GraphConnection;
import io.mcpplatform.server.graph.GraphTransport;
import io.mcpplatform.server.graph.RetryPolicy;
import io.mcpplatform.server.provisioning.Change;
import io.mcpplatform.server.provisioning.CredentialPlan;
import io.mcpplatform.server.provisioning.ProvisioningPlan;
import io.mcpplatform.server.provisioning.SecretSink;
import io.mcpplatform.server.provisioning.TenantSpec;
import io.mcpplatform.server.provisioning.directory.DirectoryClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The stand-in Entra and Graph, admin tokens and plans shared by the provisioning and doctor tests. */
final class ProvisioningFixture implements AutoCloseable {
    /** The public client a CLI signs in with (Microsoft Graph Command Line Tools). */
    static final String CLI_CLIENT = "14d82eec-204b-4c2f-b7e8-296a70dab67e";
    static final String ADMIN_SCOPES = "https://graph.microsoft.com/Application.ReadWrite.All"
            + " https://graph.microsoft.com/DelegatedPermissionGrant.ReadWrite.All"
            + " https://graph.microsoft.com/Group.ReadWrite.All";
    static final URI CALLBACK = URI.create("https://mcp.example.com/t/acme/oauth2/callback");
    static final URI ISSUER = URI.create("https://westeurope.oic.prod-aks.azure.com/tid/cluster/");
    static final String SUBJECT = "system:serviceaccount:mcp:mcp-platform";

    final EntraStandIn entra;
    final GraphStandIn graph;
    final List<TenantSpec> registered = new ArrayList<>();
    private final boolean owned;

    /** Its own stand-ins, closed with it. */
    ProvisioningFixture() {
        EntraStandIn.Builder b = EntraStandIn.builder().interactive(false);
        DemoDirectories.all().forEach(b::directory);
        entra = b.build().start(0);
        graph = GraphStandIn.start(0, entra.baseUrl());
        owned = true;
    }

    /** The stand-ins of a running platform (left running on close). */
    ProvisioningFixture(EntraStandIn entra, GraphStandIn graph) {
        this.entra = entra;
        this.graph = graph;
        owned = false;
    }

    String token(DemoUser user, String scopes) {
        return entra.accessToken(DemoDirectories.DEMO_TID, user, CLI_CLIENT, scopes);
    }

    DirectoryClient directoryAs(DemoUser user, String scopes) {
        String token = token(user, scopes);
        GraphConnection connection = new GraphConnection(graph.baseUrl(), Duration.ofSeconds(5),
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Clock.systemUTC(), d -> { }));
        return new DirectoryClient(new GraphTransport(connection, rejected -> token));
    }

    DirectoryClient admin() {
        return directoryAs(DemoDirectories.ALICE, ADMIN_SCOPES);
    }

    Change record(TenantSpec spec) {
        boolean known = registered.stream().anyMatch(t -> t.slug().equals(spec.slug()));
        registered.add(spec);
        return known ? Change.UPDATED : Change.CREATED;
    }

    static ProvisioningPlan federatedPlan() {
        return plan(new CredentialPlan.Federated("mcp-platform", ISSUER, SUBJECT));
    }

    static ProvisioningPlan plan(CredentialPlan credential) {
        return new ProvisioningPlan("acme", "Acme MCP", DemoDirectories.DEMO_TID, null, CALLBACK,
                List.of("echo", "graph"), List.of("User.Read", "GroupMember.Read.All", "Files.Read"), credential,
                Optional.empty());
    }

    List<GraphStandIn.Request> writes() {
        return graph.requests().stream().filter(GraphStandIn.Request::isWrite).toList();
    }

    @Override
    public void close() {
        if (owned) {
            graph.close();
            entra.close();
        }
    }

    /** A sink that remembers what it was given. */
    static final class MemorySink implements SecretSink {
        final List<String> written = new ArrayList<>();
        Optional<String> kept = Optional.empty();

        @Override
        public Optional<String> existing() {
            return kept;
        }

        @Override
        public void write(String secret) {
            written.add(secret);
            kept = Optional.of(secret);
        }
    }
}
