package io.mcpplatform.server.provisioning;

import io.mcpplatform.server.graph.GraphException;
import io.mcpplatform.server.provisioning.directory.DirectoryClient;
import io.mcpplatform.server.provisioning.steps.AdminGroupStep;
import io.mcpplatform.server.provisioning.steps.AppRegistrationStep;
import io.mcpplatform.server.provisioning.steps.ConsentStep;
import io.mcpplatform.server.provisioning.steps.CredentialStep;
import io.mcpplatform.server.provisioning.steps.GraphPermissions;
import io.mcpplatform.server.provisioning.steps.RegisteredApp;
import io.mcpplatform.server.provisioning.steps.ServicePrincipalStep;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Provisions one tenant's Entra app registration with an admin's Graph token, then registers the tenant in the
 * platform: app registration, service principal, credential, admin consent, optional admin group, registration, and
 * last the retirement of replaced secrets. Every step converges from what the directory shows, so a second run
 * changes nothing and a run that stopped halfway resumes where it stopped. Failures become
 * {@link ProvisioningException}s naming the step; a 403 names the roles and permissions the account lacks.
 */
public final class Provisioner {
    /** What the signed-in account needs, for the insufficient-privileges message. */
    public static final String REQUIRED_ACCESS = "sign in as a Global Administrator, or as a Cloud Application"
            + " Administrator who is also a Privileged Role Administrator (for admin consent), and consent to the"
            + " delegated permissions Application.ReadWrite.All, DelegatedPermissionGrant.ReadWrite.All"
            + " (and Group.ReadWrite.All to create an admin group)";

    private final DirectoryClient directory;
    private final TenantRegistration registration;
    private final Clock clock;

    public Provisioner(DirectoryClient directory, TenantRegistration registration, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.registration = Objects.requireNonNull(registration, "registration");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ProvisioningReport provision(ProvisioningPlan plan) {
        List<StepResult> log = new ArrayList<>();
        GraphPermissions graph = step("Microsoft Graph lookup", plan, () -> GraphPermissions.lookUp(directory));
        RegisteredApp app = step("app registration", plan,
                () -> new AppRegistrationStep(directory).run(plan, graph, log::add));
        String sp = step("service principal", plan, () -> new ServicePrincipalStep(directory).run(app, log::add));
        CredentialStep.Outcome credential = step("credential", plan,
                () -> new CredentialStep(directory, clock).run(app, plan.credential(), log::add));
        step("admin consent", plan, () -> {
            new ConsentStep(directory).run(sp, graph, plan.consentScopes(), log::add);
            return null;
        });
        Optional<String> group = plan.adminGroup().map(g -> step("admin group", plan,
                () -> new AdminGroupStep(directory).run(g, log::add)));
        TenantSpec spec = new TenantSpec(plan.slug(), plan.displayName(), plan.directoryTenantId(), app.appId(),
                plan.authority(), credential.credential(), plan.graphScopes(), group, plan.toolPacks());
        Change registered = step("tenant registration", plan, () -> registration.register(spec));
        log.add(new StepResult("tenant registration", registered, plan.slug()));
        for (String keyId : credential.retiredPasswords()) {
            step("old secret removal", plan, () -> {
                directory.removePassword(app.objectId(), keyId);
                return null;
            });
            log.add(new StepResult("old client secret", Change.UPDATED, "removed keyId " + keyId));
        }
        return new ProvisioningReport(log, app.appId(), plan.directoryTenantId());
    }

    private static <T> T step(String name, ProvisioningPlan plan, Supplier<T> work) {
        try {
            return work.get();
        } catch (GraphException e) {
            if (e.status() == 403 || "Authorization_RequestDenied".equals(e.code())) {
                throw new ProvisioningException(name, ProvisioningException.Reason.PRIVILEGES,
                        "insufficient privileges in directory " + plan.directoryTenantId() + " (" + e.getMessage()
                                + "); " + REQUIRED_ACCESS, e);
            }
            if (e.status() == 401) {
                throw new ProvisioningException(name, ProvisioningException.Reason.TOKEN, "Microsoft Graph refused the"
                        + " token (" + e.getMessage() + "); sign in again", e);
            }
            boolean transient_ = e.status() == 0 || e.status() == 429 || e.status() >= 500;
            throw new ProvisioningException(name, transient_ ? ProvisioningException.Reason.UNAVAILABLE
                    : ProvisioningException.Reason.INVALID, e.getMessage() + "; run the command again to resume", e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ProvisioningException(name, ProvisioningException.Reason.INVALID, e.getMessage(), e);
        }
    }
}
