package dev.hpo.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The local stack's API token: generated on the first start, kept in the data directory (readable by its owner
 * only) so scripts keep working across restarts.
 */
final class ApiToken {

    private ApiToken() {
    }

    static String load(Path dataDir) throws IOException {
        Path file = dataDir.resolve("token");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        Files.writeString(file, token + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own permissions apply
        }
        return token;
    }
}
