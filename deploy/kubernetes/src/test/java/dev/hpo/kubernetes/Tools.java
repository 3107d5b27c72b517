package dev.hpo.kubernetes;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The command-line tools the checks run: kubectl (for {@code kubectl kustomize}) and yamllint, from the PATH. */
final class Tools {

    /** Exit status and output of one command. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Tools() {
    }

    /**
     * The kubectl to use: {@code $HPO_KUBECTL}, else {@code kubectl} from the PATH. Debian's own package is too
     * old to build these overlays and a recent one does not come from Debian, so on a machine without one the
     * checks that need rendered overlays are skipped, saying why, rather than failing the build.
     */
    static String kubectl() {
        String configured = System.getenv("HPO_KUBECTL");
        Optional<String> found = configured != null && !configured.isBlank() ? Optional.of(configured)
                : onPath("kubectl");
        assumeTrue(found.isPresent() && Files.isExecutable(Path.of(found.get())),
                "skipped: no kubectl 1.27+ on the PATH (kubectl kustomize renders the overlays); install one or set"
                        + " HPO_KUBECTL, see deploy/kubernetes/README.md");
        return found.get();
    }

    static String yamllint() {
        return tool("HPO_YAMLLINT", "yamllint",
                "yamllint checks the manifests' YAML. Install Debian's package: apt-get install -y yamllint.");
    }

    static Result run(Path directory, String... command) {
        try {
            Path out = Files.createTempFile("hpo-tool", ".out");
            Path err = Files.createTempFile("hpo-tool", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(directory.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish within " + TIMEOUT);
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static String tool(String variable, String name, String why) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            if (!Files.isExecutable(Path.of(configured))) {
                fail(variable + "=" + configured + " is not an executable file. " + why);
            }
            return configured;
        }
        return onPath(name).orElseGet(() -> fail(name + " is not on the PATH. " + why));
    }

    private static Optional<String> onPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        List<Path> candidates = new ArrayList<>();
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, name));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toString);
    }
}
