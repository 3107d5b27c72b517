package dev.hpo.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * One kustomization rendered by {@code kubectl kustomize}: its documents as JSON trees, and the core kinds as typed
 * fabric8 objects (read strictly, see {@link Strict}). Rendered once per JVM.
 */
final class Manifest {

    private static final Map<String, Manifest> RENDERED = new ConcurrentHashMap<>();
    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("\"kustomizeVersion\"\\s*:\\s*\"v(\\d+)\\.");
    private static final int MINIMUM_KUSTOMIZE = 5;

    private final String path;
    private final List<ObjectNode> documents;

    private Manifest(String path, List<ObjectNode> documents) {
        this.path = path;
        this.documents = List.copyOf(documents);
    }

    /** Renders {@code deploy/kubernetes/<path>}, e.g. {@code base} or {@code overlays/dev}. */
    static Manifest of(String path) {
        return RENDERED.computeIfAbsent(path, Manifest::render);
    }

    String path() {
        return path;
    }

    List<ObjectNode> documents() {
        return documents;
    }

    List<ObjectNode> kind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return kind(kind).stream().filter(d -> name.equals(d.path("metadata").path("name").asText())).findFirst();
    }

    ObjectNode one(String kind, String name) {
        return find(kind, name).orElseGet(() -> fail(path + " has no " + kind + " " + name));
    }

    Deployment deployment(String name) {
        return Strict.read(one("Deployment", name), Deployment.class);
    }

    ConfigMap configMap(String name) {
        return Strict.read(one("ConfigMap", name), ConfigMap.class);
    }

    Service service(String name) {
        return Strict.read(one("Service", name), Service.class);
    }

    PersistentVolumeClaim persistentVolumeClaim(String name) {
        return Strict.read(one("PersistentVolumeClaim", name), PersistentVolumeClaim.class);
    }

    private static Manifest render(String path) {
        String kubectl = Tools.kubectl();
        requireKustomize5(kubectl);
        Tools.Result result = Tools.run(Repository.kubernetes(), kubectl, "kustomize", path);
        assertEquals(0, result.exitCode(), () -> "kubectl kustomize " + path + " failed:\n" + result.stderr());
        assertTrue(result.stderr().isBlank(),
                () -> "kubectl kustomize " + path + " warned (deprecated fields?):\n" + result.stderr());
        List<ObjectNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(result.stdout())) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    assertTrue(document.isObject(), () -> path + ": a rendered document is not a mapping: " + document);
                    documents.add((ObjectNode) document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the output of kubectl kustomize " + path, e);
        }
        return new Manifest(path, documents);
    }

    private static void requireKustomize5(String kubectl) {
        Tools.Result version = Tools.run(Repository.kubernetes(), kubectl, "version", "--client", "-o", "json");
        Matcher matcher = KUSTOMIZE_VERSION.matcher(version.stdout());
        assumeTrue(matcher.find() && Integer.parseInt(matcher.group(1)) >= MINIMUM_KUSTOMIZE,
                () -> kubectl + " has no kustomize v" + MINIMUM_KUSTOMIZE + " built in (kubectl 1.27 or newer needed;"
                        + " Debian bookworm's kubernetes-client 1.20 is too old):\n" + version.stdout()
                        + version.stderr());
    }
}
