package io.mcpplatform.server.provisioning.cli;

import io.mcpplatform.server.provisioning.SecretSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** The operator's secret file: written with mode 0600 (replacing an older secret), read back on later runs. */
final class FileSecretSink implements SecretSink {
    private final Path file;

    FileSecretSink(Path file) {
        this.file = file;
    }

    @Override
    public Optional<String> existing() {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("the secret file " + file + " could not be read", e);
        }
    }

    @Override
    public void write(String secret) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, secret + "\n", StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the secret file " + file + " could not be written", e);
        }
    }
}
