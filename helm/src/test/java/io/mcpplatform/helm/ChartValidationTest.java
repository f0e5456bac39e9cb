package io.mcpplatform.helm;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Note: the chart's cross-field checks ({@code fail} in templates/validate.yaml, e.g. equal public and admin ports)
 * stop {@code helm template} and {@code helm install}, but {@code helm lint} only logs a {@code fail} as [INFO]; the
 * schema checks stop all three.
 *
 * {@code helm lint --strict} passes for every supported value set; values.schema.json and the chart's own checks
 * reject bad values in both {@code helm lint} and {@code helm template} (so in {@code helm install} too), with a
 * message that names the offending key.
 */
class ChartValidationTest {

    @ParameterizedTest(name = "lintStrictPassesWith_{0}")
    @ValueSource(strings = {"defaults", "workload-identity", "existing-secret", "keyvault", "hpa-off"})
    void lintStrictPassesWithEachSupportedValueSet(String set, @TempDir Path work) {
        LintResult result = Chart.lint(work, Chart.values(set));
        assertFalse(result.isFailed(), String.join("\n", result.getMessages()));
    }

    @Test
    void lintOfChartAsShippedFailsUntilExternalBaseUrlAndDatabaseAreGiven() {
        LintResult result = Chart.lintAsShipped();
        assertTrue(result.isFailed());
        String messages = String.join("\n", result.getMessages());
        assertTrue(messages.contains("externalBaseUrl"), messages);
    }

    /** Each bad file is laid over the valid defaults, so it is the only thing wrong. */
    @ParameterizedTest(name = "templateRejects_{0}")
    @CsvSource({
            "replicas-zero, replicaCount",
            "port-not-a-number, publicPort",
            "port-out-of-range, adminPort",
            "unknown-credential-mode, credentialMode",
            "missing-external-base-url, externalBaseUrl",
            "http-base-url-in-production, externalBaseUrl",
            "bad-image-tag, tag",
            "workload-identity-without-client-id, clientId",
            "existing-secret-without-name, existingSecret",
            "chart-secrets-without-db-password, DB_PASSWORD",
            "same-public-and-admin-port, platform.adminPort must differ",
            "unknown-key, replicas",
            "encryption-key-not-32-bytes, MCP_ENCRYPTION_KEY",
            "readonly-root-filesystem-off, readOnlyRootFilesystem",
    })
    void templateRejectsBadValuesNamingTheKey(String bad, String expectedInMessage) {
        Exception e = assertThrows(Exception.class,
                () -> Chart.template(Chart.values("defaults"), Chart.badValues(bad)));
        assertTrue(e.getMessage().contains(expectedInMessage), "message should name " + expectedInMessage + ": " + e.getMessage());
    }

    @ParameterizedTest(name = "lintRejects_{0}")
    @ValueSource(strings = {"replicas-zero", "port-not-a-number", "unknown-credential-mode", "missing-external-base-url",
            "http-base-url-in-production", "bad-image-tag", "workload-identity-without-client-id",
            "existing-secret-without-name", "chart-secrets-without-db-password", "unknown-key",
            "encryption-key-not-32-bytes", "readonly-root-filesystem-off"})
    void lintStrictRejectsBadValues(String bad, @TempDir Path work) {
        LintResult result = Chart.lint(work, Chart.values("defaults"), Chart.badValues(bad));
        assertTrue(result.isFailed(), bad + " passed lint: " + result.getMessages());
    }

    @Test
    void httpExternalBaseUrlIsAcceptedInDevelopment() {
        Chart.template(Chart.values("defaults"), Chart.badValues("http-base-url-in-production"),
                Chart.values("development"));
    }

    @Test
    void httpExternalBaseUrlIsAcceptedInProductionOnlyWhenExplicitlyAllowed() {
        Chart.template(Chart.values("defaults"), Chart.badValues("http-base-url-in-production"),
                Chart.values("allow-insecure"));
    }
}
