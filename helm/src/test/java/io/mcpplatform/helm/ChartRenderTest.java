package io.mcpplatform.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code helm template} with each supported value set, the output parsed into fabric8 models and checked. */
class ChartRenderTest {
    private static final String NAME = "mcp-platform";
    private static final String MIGRATE = "mcp-platform-migrate";

    static Container server(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    static Container migrate(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    static List<String> env(Container container) {
        return container.getEnv().stream().map(EnvVar::getName).toList();
    }

    @Nested
    class Defaults {
        final Chart.Rendered out = Chart.template(Chart.values("defaults"));
        final Deployment deployment = out.one(Deployment.class, NAME);
        final PodSpec pod = deployment.getSpec().getTemplate().getSpec();

        @Test
        void defaultsRenderEveryExpectedObject() {
            Set<String> kinds = out.documents.stream().map(d -> (String) d.get("kind")).collect(Collectors.toSet());
            assertEquals(Set.of("ServiceAccount", "ConfigMap", "Secret", "Service", "Deployment", "Ingress",
                    "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "Job"), kinds, out.kinds().toString());
            assertFalse(out.has("SecretProviderClass"));
            assertFalse(out.has("ServiceMonitor"));
        }

        @Test
        void probesPointAtAdminPortAndRealHealthPaths() {
            Container c = server(deployment);
            assertProbe(c.getStartupProbe(), "/health/live");
            assertProbe(c.getLivenessProbe(), "/health/live");
            assertProbe(c.getReadinessProbe(), "/health/ready");
            int admin = c.getPorts().stream().filter(p -> "admin".equals(p.getName())).findFirst().orElseThrow()
                    .getContainerPort();
            assertEquals(9090, admin);
        }

        private void assertProbe(Probe probe, String path) {
            assertNotNull(probe, path);
            assertEquals(path, probe.getHttpGet().getPath());
            assertEquals("admin", probe.getHttpGet().getPort().getStrVal());
        }

        @Test
        void serverRunsAsNonRootWithReadOnlyRootAndNoCapabilities() {
            Container c = server(deployment);
            assertAll(
                    () -> assertTrue(pod.getSecurityContext().getRunAsNonRoot()),
                    () -> assertEquals(65532L, pod.getSecurityContext().getRunAsUser()),
                    () -> assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType()),
                    () -> assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem()),
                    () -> assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation()),
                    () -> assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop()),
                    () -> assertFalse(pod.getAutomountServiceAccountToken()));
            Volume tmp = pod.getVolumes().stream().filter(v -> "tmp".equals(v.getName())).findFirst().orElseThrow();
            assertNotNull(tmp.getEmptyDir(), "/tmp must be an emptyDir");
            assertTrue(c.getVolumeMounts().stream().anyMatch(m -> "/tmp".equals(m.getMountPath()) && "tmp".equals(m.getName())));
        }

        @Test
        void deploymentSpreadsAcrossZonesAndNodesAndDrainsGracefully() {
            assertEquals(Set.of("topology.kubernetes.io/zone", "kubernetes.io/hostname"),
                    pod.getTopologySpreadConstraints().stream().map(t -> t.getTopologyKey()).collect(Collectors.toSet()));
            Container c = server(deployment);
            long preStop = c.getLifecycle().getPreStop().getSleep().getSeconds();
            assertTrue(pod.getTerminationGracePeriodSeconds() > 20 + preStop,
                    "terminationGracePeriodSeconds must exceed shutdown-grace (20 s) plus the preStop sleep");
            assertNotNull(c.getResources().getRequests().get("cpu"));
            assertNotNull(c.getResources().getLimits().get("memory"));
        }

        @Test
        void autoscalingOnMeansDeploymentLeavesReplicasToTheHpa() {
            assertNull(deployment.getSpec().getReplicas());
            HorizontalPodAutoscaler hpa = out.one(HorizontalPodAutoscaler.class, NAME);
            assertEquals(2, hpa.getSpec().getMinReplicas());
            assertEquals("cpu", hpa.getSpec().getMetrics().getFirst().getResource().getName());
            assertEquals(NAME, hpa.getSpec().getScaleTargetRef().getName());
        }

        @Test
        void ingressExposesOnlyThePublicPortWithTlsAndNginxSessionAffinity() {
            Ingress ingress = out.one(Ingress.class, NAME);
            List<IngressBackend> backends = ingress.getSpec().getRules().stream()
                    .flatMap(r -> r.getHttp().getPaths().stream()).map(p -> p.getBackend()).toList();
            assertEquals(1, backends.size());
            assertEquals(NAME, backends.getFirst().getService().getName());
            assertEquals("public", backends.getFirst().getService().getPort().getName());
            assertFalse(out.text.contains("name: mcp-platform-admin\n                port"), "admin service behind ingress");
            assertEquals("mcp.contoso.com", ingress.getSpec().getRules().getFirst().getHost());
            assertEquals(List.of("mcp.contoso.com"), ingress.getSpec().getTls().getFirst().getHosts());
            Map<String, String> a = ingress.getMetadata().getAnnotations();
            assertEquals("$http_mcp_session_id", a.get("nginx.ingress.kubernetes.io/upstream-hash-by"));
            assertEquals("off", a.get("nginx.ingress.kubernetes.io/proxy-buffering"));
            assertEquals("3600", a.get("nginx.ingress.kubernetes.io/proxy-read-timeout"));
            assertEquals("nginx", ingress.getSpec().getIngressClassName());
        }

        @Test
        void adminServiceIsClusterIpAndPublicServiceCarriesOnlyThePublicPort() {
            Service admin = out.one(Service.class, NAME + "-admin");
            assertEquals("ClusterIP", admin.getSpec().getType());
            assertEquals(List.of("admin"), admin.getSpec().getPorts().stream().map(ServicePort::getName).toList());
            Service pub = out.one(Service.class, NAME);
            assertEquals(List.of("public"), pub.getSpec().getPorts().stream().map(ServicePort::getName).toList());
            assertEquals("public", pub.getSpec().getPorts().getFirst().getTargetPort().getStrVal());
        }

        @Test
        @SuppressWarnings("unchecked")
        void configMapRendersValidPlatformYamlWithExpectedKeys() {
            ConfigMap cm = out.one(ConfigMap.class, NAME);
            Map<String, Object> root = new Yaml().load(cm.getData().get("platform.yaml"));
            assertEquals(Set.of("platform"), root.keySet());
            Map<String, Object> p = (Map<String, Object>) root.get("platform");
            assertTrue(p.keySet().containsAll(Set.of("public", "admin", "external-base-url", "db", "tenants",
                    "shutdown-grace", "mcp")), p.keySet().toString());
            assertEquals(Map.of("host", "0.0.0.0", "port", 8080), p.get("public"));
            assertEquals(Map.of("host", "0.0.0.0", "port", 9090), p.get("admin"));
            assertEquals("https://mcp.contoso.com", p.get("external-base-url"));
            assertEquals("20s", p.get("shutdown-grace"));
            Map<String, Object> db = (Map<String, Object>) p.get("db");
            assertEquals(false, db.get("migrate-on-start"));
            assertEquals("jdbc:postgresql://mcp-pg.postgres.database.azure.com:5432/mcp?sslmode=require", db.get("url"));
            assertEquals("mcp_app", db.get("user"));
            assertEquals("mcp_app", db.get("app-role"));
            assertFalse(db.containsKey("password") || db.containsKey("owner-password"), "no password in the ConfigMap");
            Map<String, Object> mcp = (Map<String, Object>) p.get("mcp");
            assertTrue(mcp.keySet().containsAll(Set.of("max-request-bytes", "session-idle-timeout", "max-sessions-per-tenant")));
            assertEquals(Map.of("requests-per-second", 100), p.get("limits"));
            assertEquals(Map.of("registration", Map.of("max-clients-per-tenant", 10000)), p.get("oauth"));
            assertEquals(Map.of("format", "json"), p.get("log"));
            assertTrue(server(deployment).getEnv().stream().anyMatch(e -> "MCP_CONFIG".equals(e.getName())
                    && "/etc/mcp-platform/platform.yaml".equals(e.getValue())));
        }

        @Test
        void chartSecretFeedsServerButOwnerPasswordOnlyReachesTheMigrationJob() {
            Secret secret = out.one(Secret.class, NAME);
            assertEquals(Set.of("DB_PASSWORD", "MCP_ENCRYPTION_KEY", "MCP_ADMIN_BOOTSTRAP_KEY_SHA256"), secret.getData().keySet());
            assertEquals("app-password", new String(Base64.getDecoder().decode(secret.getData().get("DB_PASSWORD")),
                    StandardCharsets.UTF_8));
            assertEquals(NAME, server(deployment).getEnvFrom().getFirst().getSecretRef().getName());
            Secret owner = out.one(Secret.class, MIGRATE);
            assertEquals(Set.of("DB_OWNER_PASSWORD"), owner.getData().keySet());
            assertFalse(env(server(deployment)).contains("DB_OWNER_PASSWORD"));
            EnvVar ownerPassword = migrate(out.one(Job.class, MIGRATE)).getEnv().stream()
                    .filter(e -> "DB_OWNER_PASSWORD".equals(e.getName())).findFirst().orElseThrow();
            assertEquals(MIGRATE, ownerPassword.getValueFrom().getSecretKeyRef().getName());
        }

        @Test
        void migrationJobIsAPreInstallPreUpgradeHookWithTheSameSecurityContext() {
            Job job = out.one(Job.class, MIGRATE);
            Map<String, String> a = job.getMetadata().getAnnotations();
            assertEquals("pre-install,pre-upgrade", a.get("helm.sh/hook"));
            assertEquals("before-hook-creation,hook-succeeded", a.get("helm.sh/hook-delete-policy"));
            assertNotNull(a.get("helm.sh/hook-weight"));
            assertEquals(2, job.getSpec().getBackoffLimit());
            Container c = migrate(job);
            assertEquals(List.of("--migrate-only"), c.getArgs());
            assertEquals(server(deployment).getImage(), c.getImage());
            assertEquals(server(deployment).getSecurityContext(), c.getSecurityContext());
            PodSpec jobPod = job.getSpec().getTemplate().getSpec();
            assertEquals(pod.getSecurityContext(), jobPod.getSecurityContext());
            assertEquals("Never", jobPod.getRestartPolicy());
            assertTrue(env(c).containsAll(List.of("DB_URL", "DB_USER", "DB_OWNER_USER", "DB_APP_ROLE", "DB_OWNER_PASSWORD")));
            // everything the hook Job uses must exist before it: hooks of a lower weight
            int jobWeight = Integer.parseInt(a.get("helm.sh/hook-weight"));
            for (String kind : List.of("ServiceAccount", "Secret")) {
                Map<String, Object> support = out.raw(kind).stream()
                        .filter(d -> MIGRATE.equals(((Map<?, ?>) d.get("metadata")).get("name"))).findFirst().orElseThrow();
                @SuppressWarnings("unchecked")
                Map<String, String> sa = (Map<String, String>) ((Map<String, Object>) support.get("metadata")).get("annotations");
                assertEquals("pre-install,pre-upgrade", sa.get("helm.sh/hook"), kind);
                assertTrue(Integer.parseInt(sa.get("helm.sh/hook-weight")) < jobWeight, kind);
            }
            assertEquals(MIGRATE, jobPod.getServiceAccountName());
        }

        @Test
        void withoutWorkloadIdentityNoIdentityAnnotationOrLabel() {
            ServiceAccount sa = out.one(ServiceAccount.class, NAME);
            assertTrue(sa.getMetadata().getAnnotations() == null
                    || !sa.getMetadata().getAnnotations().containsKey("azure.workload.identity/client-id"));
            assertFalse(deployment.getSpec().getTemplate().getMetadata().getLabels().containsKey("azure.workload.identity/use"));
        }

        @Test
        void networkPolicyAdmitsPublicFromIngressNamespaceAndAdminFromMonitoring() {
            NetworkPolicy np = out.one(NetworkPolicy.class, NAME);
            assertEquals(List.of("Ingress", "Egress"), np.getSpec().getPolicyTypes());
            Map<String, String> fromByPort = np.getSpec().getIngress().stream().collect(Collectors.toMap(
                    r -> r.getPorts().getFirst().getPort().getStrVal(),
                    ChartRenderTest::firstNamespace));
            assertEquals(Map.of("public", "ingress-nginx", "admin", "monitoring"), fromByPort);
            Set<Integer> egressPorts = np.getSpec().getEgress().stream().flatMap(e -> e.getPorts().stream())
                    .map(p -> p.getPort().getIntVal()).collect(Collectors.toSet());
            assertEquals(Set.of(53, 5432, 443), egressPorts);
            NetworkPolicy job = out.one(NetworkPolicy.class, MIGRATE);
            assertTrue(job.getSpec().getIngress().isEmpty());
            assertFalse(job.getSpec().getEgress().stream().flatMap(e -> e.getPorts().stream())
                    .anyMatch(p -> Integer.valueOf(443).equals(p.getPort().getIntVal())));
        }

        @Test
        void podDisruptionBudgetKeepsOneServerPod() {
            PodDisruptionBudget pdb = out.one(PodDisruptionBudget.class, NAME);
            assertEquals(1, pdb.getSpec().getMinAvailable().getIntVal());
            assertEquals(deployment.getSpec().getSelector(), pdb.getSpec().getSelector());
        }

        @Test
        void imageDefaultsToTheChartAppVersion() {
            assertEquals("mcpplatform.azurecr.io/mcp-platform:0.1.0", server(deployment).getImage());
        }
    }

    static String firstNamespace(NetworkPolicyIngressRule rule) {
        return rule.getFrom().getFirst().getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
    }

    @Nested
    class WorkloadIdentity {
        final Chart.Rendered out = Chart.template(Chart.values("workload-identity"));

        @Test
        void workloadIdentityAnnotatesServiceAccountAndLabelsPods() {
            ServiceAccount sa = out.one(ServiceAccount.class, NAME);
            assertEquals("11111111-2222-3333-4444-555555555555",
                    sa.getMetadata().getAnnotations().get("azure.workload.identity/client-id"));
            assertEquals("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                    sa.getMetadata().getAnnotations().get("azure.workload.identity/tenant-id"));
            Deployment deployment = out.one(Deployment.class, NAME);
            assertEquals("true", deployment.getSpec().getTemplate().getMetadata().getLabels().get("azure.workload.identity/use"));
            assertEquals(NAME, deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
            // the selector must not depend on the identity label (changing it would make the Deployment immutable)
            assertFalse(deployment.getSpec().getSelector().getMatchLabels().containsKey("azure.workload.identity/use"));
        }

        @Test
        void workloadIdentityNeverPutsClientSecretsInTheChartSecret() {
            Secret secret = out.one(Secret.class, NAME);
            assertEquals(Set.of("DB_PASSWORD"), secret.getData().keySet());
        }

        @Test
        @SuppressWarnings("unchecked")
        void serviceMonitorScrapesAdminPortMetrics() {
            Map<String, Object> sm = out.raw("ServiceMonitor").getFirst();
            Map<String, Object> spec = (Map<String, Object>) sm.get("spec");
            Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).getFirst();
            assertEquals("admin", endpoint.get("port"));
            assertEquals("/metrics", endpoint.get("path"));
            Map<String, Object> selector = (Map<String, Object>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
            assertEquals("admin", selector.get("mcp-platform/socket"));
            Service admin = out.one(Service.class, NAME + "-admin");
            assertTrue(admin.getMetadata().getLabels().entrySet().containsAll(((Map<String, String>) (Map<?, ?>) selector).entrySet()));
            assertEquals("kube-prometheus-stack",
                    ((Map<String, Object>) ((Map<String, Object>) sm.get("metadata")).get("labels")).get("release"));
        }
    }

    @Nested
    class ExistingSecret {
        final Chart.Rendered out = Chart.template(Chart.values("existing-secret"));

        @Test
        void existingSecretMeansNoChartSecretIsRendered() {
            assertTrue(out.all(Secret.class).isEmpty(), out.kinds().toString());
        }

        @Test
        void existingSecretsFeedServerAndMigrationJob() {
            Deployment deployment = out.one(Deployment.class, NAME);
            assertEquals("mcp-platform-runtime", server(deployment).getEnvFrom().getFirst().getSecretRef().getName());
            EnvVar owner = migrate(out.one(Job.class, MIGRATE)).getEnv().stream()
                    .filter(e -> "DB_OWNER_PASSWORD".equals(e.getName())).findFirst().orElseThrow();
            assertEquals("mcp-platform-owner", owner.getValueFrom().getSecretKeyRef().getName());
            assertFalse(deployment.getSpec().getTemplate().getMetadata().getAnnotations().containsKey("checksum/secret"));
        }
    }

    @Nested
    class KeyVault {
        final Chart.Rendered out = Chart.template(Chart.values("keyvault"));

        @Test
        @SuppressWarnings("unchecked")
        void keyVaultRendersSecretProviderClassesSyncingToSecretsAndNoChartSecret() {
            assertTrue(out.all(Secret.class).isEmpty(), out.kinds().toString());
            List<Map<String, Object>> spcs = out.raw("SecretProviderClass");
            assertEquals(2, spcs.size());
            Map<String, Object> server = spcs.stream()
                    .filter(d -> NAME.equals(((Map<?, ?>) d.get("metadata")).get("name"))).findFirst().orElseThrow();
            Map<String, Object> spec = (Map<String, Object>) server.get("spec");
            assertEquals("azure", spec.get("provider"));
            Map<String, String> params = (Map<String, String>) spec.get("parameters");
            assertEquals("kv-mcp-prod", params.get("keyvaultName"));
            assertEquals("11111111-2222-3333-4444-555555555555", params.get("clientID"));
            assertEquals("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", params.get("tenantId"));
            assertTrue(params.get("objects").contains("objectName: mcp-db-password"));
            Map<String, Object> synced = ((List<Map<String, Object>>) spec.get("secretObjects")).getFirst();
            assertEquals("mcp-platform-kv", synced.get("secretName"));
            List<String> keys = ((List<Map<String, String>>) synced.get("data")).stream().map(m -> m.get("key")).toList();
            assertEquals(List.of("DB_PASSWORD", "MCP_ENCRYPTION_KEY", "MCP_ADMIN_BOOTSTRAP_KEY_SHA256"), keys);
            assertFalse(params.get("objects").contains("mcp-db-owner-password"), "owner password must not reach the server");
        }

        @Test
        @SuppressWarnings("unchecked")
        void keyVaultPodsMountTheCsiVolumeThatSyncsTheirSecret() {
            Deployment deployment = out.one(Deployment.class, NAME);
            Volume csi = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getCsi() != null).findFirst().orElseThrow();
            assertEquals("secrets-store.csi.k8s.io", csi.getCsi().getDriver());
            assertEquals(NAME, csi.getCsi().getVolumeAttributes().get("secretProviderClass"));
            assertEquals("mcp-platform-kv", server(deployment).getEnvFrom().getFirst().getSecretRef().getName());

            Job job = out.one(Job.class, MIGRATE);
            Volume jobCsi = job.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getCsi() != null).findFirst().orElseThrow();
            assertEquals(MIGRATE, jobCsi.getCsi().getVolumeAttributes().get("secretProviderClass"));
            Map<String, Object> hookSpc = out.raw("SecretProviderClass").stream()
                    .filter(d -> MIGRATE.equals(((Map<?, ?>) d.get("metadata")).get("name"))).findFirst().orElseThrow();
            Map<String, String> annotations = (Map<String, String>) ((Map<String, Object>) hookSpc.get("metadata")).get("annotations");
            assertEquals("pre-install,pre-upgrade", annotations.get("helm.sh/hook"));
            assertTrue(Integer.parseInt(annotations.get("helm.sh/hook-weight"))
                    < Integer.parseInt(job.getMetadata().getAnnotations().get("helm.sh/hook-weight")));
        }
    }

    @Nested
    class HpaOff {
        final Chart.Rendered out = Chart.template(Chart.values("hpa-off"));

        @Test
        void hpaOffMeansNoHpaAndFixedReplicas() {
            assertTrue(out.all(HorizontalPodAutoscaler.class).isEmpty());
            assertEquals(3, out.one(Deployment.class, NAME).getSpec().getReplicas());
        }

        @Test
        void applicationGatewayForContainersGetsItsClassAndAlbAnnotationsButNoNginxOnes() {
            Ingress ingress = out.one(Ingress.class, NAME);
            assertEquals("azure-alb-external", ingress.getSpec().getIngressClassName());
            Map<String, String> a = ingress.getMetadata().getAnnotations();
            assertEquals("alb-mcp", a.get("alb.networking.azure.io/alb-name"));
            assertEquals("alb-infra", a.get("alb.networking.azure.io/alb-namespace"));
            assertTrue(a.keySet().stream().noneMatch(k -> k.startsWith("nginx.ingress")));
            NetworkPolicy np = out.one(NetworkPolicy.class, NAME);
            assertEquals("10.225.0.0/24", np.getSpec().getIngress().getFirst().getFrom().get(1).getIpBlock().getCidr());
        }
    }
}
