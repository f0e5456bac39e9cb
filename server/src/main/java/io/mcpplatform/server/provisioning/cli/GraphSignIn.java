package io.mcpplatform.server.provisioning.cli;

import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.PublicClientApplication;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * The Entra admin's Graph token for provisioning: read from a file, or by device-code sign-in through msal4j's
 * {@link PublicClientApplication} (the code and URL printed to the operator; instance discovery off; msal4j through
 * the platform's bounded {@link IHttpClient}, which the devstack points at its stand-in).
 */
final class GraphSignIn {
    /** Microsoft Graph Command Line Tools: a public client pre-authorised for Graph's delegated permissions. */
    static final String DEFAULT_CLIENT_ID = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

    private GraphSignIn() {
    }

    static String fromFile(Path file) {
        try {
            String token = Files.readString(file).strip();
            if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
                throw new CliArguments.UsageException("the Graph token file " + file + " must hold one token");
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("the Graph token file " + file + " could not be read", e);
        }
    }

    static String deviceCode(String authority, String tenantId, String clientId, Set<String> scopes,
                             IHttpClient http, PrintStream operator) {
        try {
            PublicClientApplication app = PublicClientApplication.builder(clientId)
                    .authority(authority + "/" + tenantId + "/")
                    .instanceDiscovery(false)
                    .httpClient(http)
                    .logPii(false)
                    .build();
            return app.acquireToken(DeviceCodeFlowParameters.builder(scopes,
                    code -> operator.println("mcp-platform: " + code.message())).build()).get().accessToken();
        } catch (java.net.MalformedURLException e) {
            throw new CliArguments.UsageException("--authority is not a usable URL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sign-in interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("device-code sign-in failed: " + e.getCause().getMessage(), e);
        }
    }
}
