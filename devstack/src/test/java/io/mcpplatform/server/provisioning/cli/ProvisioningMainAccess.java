package io.mcpplatform.server.provisioning.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Lets the devstack tests run the command line with their own streams and environment. */
public final class ProvisioningMainAccess {
    private ProvisioningMainAccess() {
    }

    public static String deviceCode(String authority, String tenantId, String clientId, java.util.Set<String> scopes,
                                    com.microsoft.aad.msal4j.IHttpClient http, PrintStream operator) {
        return GraphSignIn.deviceCode(authority, tenantId, clientId, scopes, http, operator);
    }

    public static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        return ProvisioningMain.run(args, out, err, env);
    }
}
