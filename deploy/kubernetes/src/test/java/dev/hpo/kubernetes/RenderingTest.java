package dev.hpo.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/** Every overlay renders cleanly into kinds the cluster knows, and core kinds hold only fields the API defines. */
class RenderingTest {

    /** apiVersion/kind of everything the manifests may contain: core kinds and the operators' resources. */
    private static final Set<String> KNOWN_KINDS = Set.of("v1/ConfigMap", "v1/Service", "v1/ServiceAccount",
            "v1/PersistentVolumeClaim", "apps/v1/Deployment", "networking.k8s.io/v1/NetworkPolicy",
            "networking.k8s.io/v1/Ingress", "keda.sh/v1alpha1/ScaledObject", "kafka.strimzi.io/v1/KafkaTopic",
            "kafka.strimzi.io/v1/Kafka", "kafka.strimzi.io/v1/KafkaNodePool", "postgresql.cnpg.io/v1/Cluster");

    private static final Map<String, Class<?>> CORE_MODELS = Map.of("ConfigMap", ConfigMap.class, "Service",
            Service.class, "ServiceAccount", ServiceAccount.class, "PersistentVolumeClaim", PersistentVolumeClaim.class,
            "Deployment", Deployment.class, "NetworkPolicy", NetworkPolicy.class, "Ingress", Ingress.class);

    @Test
    void everyOverlayDirectoryHasItsExpectations() throws IOException {
        Set<String> directories;
        try (Stream<Path> list = Files.list(Repository.kubernetes().resolve("overlays"))) {
            directories = list.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> expected = Arrays.stream(Overlay.values()).map(o -> o.directory)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, directories, "add a new overlay to the Overlay enum with what it must produce");
    }

    @Test
    void baseRendersOnItsOwnWithoutNamespace() {
        Manifest base = Manifest.of("base");
        assertFalse(base.documents().isEmpty());
        base.documents().forEach(d -> assertTrue(d.path("metadata").path("namespace").isMissingNode(),
                () -> "base sets no namespace, overlays do: " + id(d)));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyDocumentIsAKnownKindInNamespaceHpo(Overlay overlay) {
        Set<String> seen = new HashSet<>();
        for (ObjectNode document : overlay.manifest().documents()) {
            String kind = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
            assertTrue(KNOWN_KINDS.contains(kind), () -> overlay + ": unexpected " + kind);
            assertEquals("hpo", document.path("metadata").path("namespace").asText(), () -> id(document));
            assertTrue(seen.add(id(document)), () -> overlay + ": twice " + id(document));
            assertEquals("hpo", document.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText(),
                    () -> id(document) + " carries app.kubernetes.io/part-of: hpo");
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void coreKindsHoldOnlyFieldsTheApiDefines(Overlay overlay) {
        overlay.manifest().documents().stream()
                .filter(d -> CORE_MODELS.containsKey(d.path("kind").asText()))
                .forEach(d -> Strict.read(d, CORE_MODELS.get(d.path("kind").asText())));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void noSecretIsCommitted(Overlay overlay) {
        assertTrue(overlay.manifest().kind("Secret").isEmpty(),
                "Secrets are created by hand (docs/kubernetes.md), never kept in the manifests");
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void imagesAreTheProjectsAndTagged(Overlay overlay) {
        Map<String, String> expected = Map.of("study-service", "hpo/study-service", "trial-runner", overlay.runnerImage,
                "dashboard", "hpo/dashboard");
        expected.forEach((deployment, image) -> {
            var pod = overlay.manifest().deployment(deployment).getSpec().getTemplate().getSpec();
            assertEquals(image, repository(pod.getContainers().get(0)), () -> overlay + " " + deployment);
            Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).forEach(c -> {
                String tag = c.getImage().substring(repository(c).length());
                assertTrue(tag.matches(":[\\w][\\w.-]*") && !tag.equals(":latest"),
                        () -> overlay + ": " + c.getImage() + " needs a fixed tag (kustomize images:)");
            });
        });
        var init = overlay.manifest().deployment("trial-runner").getSpec().getTemplate().getSpec().getInitContainers();
        assertEquals("hpo/fashion-mnist", repository(init.get(0)));
    }

    private static String repository(Container container) {
        String image = container.getImage();
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    }

    private static String id(ObjectNode document) {
        return document.path("kind").asText() + " " + document.path("metadata").path("name").asText();
    }
}
