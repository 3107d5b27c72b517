package dev.hpo.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the working tree: this module's manifests, the services' sources and the docs. */
final class Repository {

    private static final Path ROOT = findRoot();

    private Repository() {
    }

    static Path root() {
        return ROOT;
    }

    /** {@code deploy/kubernetes}: the kustomize tree, the yamllint configuration and this module. */
    static Path kubernetes() {
        return ROOT.resolve("deploy/kubernetes");
    }

    static Path docs() {
        return ROOT.resolve("docs/kubernetes.md");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Path findRoot() {
        Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/kubernetes/pom.xml"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no hpo working tree (with deploy/kubernetes/pom.xml) above " + start);
    }
}
