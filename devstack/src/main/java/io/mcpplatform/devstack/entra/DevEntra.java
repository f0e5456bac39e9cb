package io.mcpplatform.devstack.entra;

import io.mcpplatform.server.entra.EntraConnection;
import io.mcpplatform.tenants.EntraApp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The stand-in Entra of the local platform, started before the platform: the demo directories, the demo apps'
 * client secret (generated into the data directory) required by the stand-in, and the platform's connection to it.
 *
 * @param standIn      the running stand-in
 * @param secretFile   the demo apps' client secret file
 */
public record DevEntra(EntraStandIn standIn, Path secretFile) implements AutoCloseable {
    /** Port of the stand-in ({@code 0}: any). */
    public static final String PORT_ENV = "MCP_STANDIN_ENTRA_PORT";
    /** {@code false} signs the first demo user in without a login page when no {@code login_hint} is given. */
    public static final String INTERACTIVE_ENV = "MCP_STANDIN_ENTRA_INTERACTIVE";
    /** Default port of the stand-in in {@code bin/mcp-platform dev}. */
    public static final int DEFAULT_PORT = 8081;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Starts with settings from the environment. */
    public static DevEntra start(Path dataDir, Map<String, String> environment) {
        int port = Integer.parseInt(environment.getOrDefault(PORT_ENV, Integer.toString(DEFAULT_PORT)));
        boolean interactive = !"false".equalsIgnoreCase(environment.getOrDefault(INTERACTIVE_ENV, "true"));
        return start(dataDir, port, interactive);
    }

    /** Starts on 127.0.0.1:{@code port}. */
    public static DevEntra start(Path dataDir, int port, boolean interactive) {
        Path secretFile = DevSecrets.clientSecret(dataDir);
        String secret = DevSecrets.read(secretFile);
        EntraStandIn.Builder builder = EntraStandIn.builder().interactive(interactive)
                .clientSecret(DemoDirectories.DEMO_CLIENT_ID, secret)
                .clientSecret(DemoDirectories.CONTOSO_CLIENT_ID, secret);
        DemoDirectories.all().forEach(builder::directory);
        return new DevEntra(builder.build().start(port), secretFile);
    }

    /** The {@code demo} tenant's app registration. */
    public EntraApp demoApp() {
        return new EntraApp(DemoDirectories.DEMO_TID, DemoDirectories.DEMO_CLIENT_ID,
                "secret:file:" + secretFile.toAbsolutePath(), EntraApp.PUBLIC_CLOUD);
    }

    /** The {@code contoso} tenant's app registration. */
    public EntraApp contosoApp() {
        return new EntraApp(DemoDirectories.CONTOSO_TID, DemoDirectories.CONTOSO_CLIENT_ID,
                "secret:file:" + secretFile.toAbsolutePath(), EntraApp.PUBLIC_CLOUD);
    }

    /** The platform's connection to the stand-in. */
    public EntraConnection connection() {
        return standIn.connection(TIMEOUT);
    }

    @Override
    public void close() {
        standIn.close();
    }
}
