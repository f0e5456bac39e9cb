package io.mcpplatform.devstack.entra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The devstack's generated secrets and stand-in wiring. */
class DevEntraTest {

    @Test
    void secretsWhenFirstRunThenGeneratedWithMode0600AndReusedAfterwards(@TempDir Path dir) throws Exception {
        Path key = DevSecrets.encryptionKey(dir);
        String first = Files.readString(key);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals(32, Base64.getDecoder().decode(first.strip()).length);
        assertEquals(first, Files.readString(DevSecrets.encryptionKey(dir)));
    }

    @Test
    void devEntraWhenStartedThenAppsReferenceTheSecretFileTheStandInRequires(@TempDir Path dir) {
        try (DevEntra entra = DevEntra.start(dir, 0, false)) {
            assertEquals("secret:file:" + dir.resolve(DevSecrets.CLIENT_SECRET_FILE).toAbsolutePath(),
                    entra.demoApp().credential());
            assertEquals(DemoDirectories.CONTOSO_TID, entra.contosoApp().tenantId());
            assertTrue(entra.connection().endpoints().authorizationEndpoint(entra.demoApp()).toString()
                    .startsWith(entra.standIn().baseUrl() + "/" + DemoDirectories.DEMO_TID + "/oauth2/v2.0/authorize"));
            assertEquals("https://login.microsoftonline.com/" + DemoDirectories.DEMO_TID + "/",
                    entra.connection().endpoints().msalAuthority(entra.demoApp()));
        }
    }
}
