package dev.hpo.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

/** study-service: a single writer, credentials from Secrets, reachable only from the dashboard and the ingress. */
class StudyServiceManifestTest {

    private static final String STUDY_SERVICE = "study-service";

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void exactlyOneInstanceEvenDuringARollout(Overlay overlay) {
        var spec = Workload.of(overlay.manifest(), STUDY_SERVICE).deployment().getSpec();
        assertEquals(1, spec.getReplicas(), "study-service is the only writer of trial state");
        assertEquals("Recreate", spec.getStrategy().getType(), "a rolling update would run two side by side");
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void credentialsComeFromSecrets(Overlay overlay) {
        Workload studyService = Workload.of(overlay.manifest(), STUDY_SERVICE);
        assertSecret(studyService, "HPO_DB_USER", "hpo-db", "username");
        assertSecret(studyService, "HPO_DB_PASSWORD", "hpo-db", "password");
        assertSecret(studyService, "HPO_STUDY_API_TOKEN", "hpo-study-api-token", "token");
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void onlyTheDashboardTheIngressAndMonitoringReachIt(Overlay overlay) {
        Manifest manifest = overlay.manifest();
        NetworkPolicy policy = Strict.read(manifest.one("NetworkPolicy", STUDY_SERVICE), NetworkPolicy.class);
        Map<String, String> podLabels = Workload.of(manifest, STUDY_SERVICE).deployment().getSpec().getTemplate()
                .getMetadata().getLabels();
        policy.getSpec().getPodSelector().getMatchLabels().forEach((k, v) -> assertEquals(v, podLabels.get(k), k));
        assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
        Map<String, String> dashboardLabels = Workload.of(manifest, "dashboard").deployment().getSpec().getTemplate()
                .getMetadata().getLabels();
        boolean dashboard = false;
        Set<String> namespaceLabels = new TreeSet<>();
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            assertFalse(rule.getFrom().isEmpty(), "a rule without 'from' admits everyone");
            assertEquals(List.of("http"), rule.getPorts().stream().map(p -> p.getPort().getStrVal()).toList());
            for (NetworkPolicyPeer peer : rule.getFrom()) {
                if (peer.getPodSelector() != null) {
                    assertNull(peer.getNamespaceSelector(), "pods of this namespace only");
                    peer.getPodSelector().getMatchLabels().forEach((k, v) -> assertEquals(v, dashboardLabels.get(k)));
                    dashboard = true;
                } else {
                    assertFalse(peer.getNamespaceSelector().getMatchLabels().isEmpty(), "not every namespace");
                    namespaceLabels.addAll(peer.getNamespaceSelector().getMatchLabels().keySet());
                }
            }
        }
        assertTrue(dashboard, "the dashboard reaches study-service");
        assertEquals(Set.of("hpo.dev/ingress", "hpo.dev/monitoring"), namespaceLabels);
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void dashboardCallsStudyServiceThroughItsService(Overlay overlay) {
        int port = ServiceConfig.of(STUDY_SERVICE).httpPort();
        assertEquals("http://" + STUDY_SERVICE + ":" + port,
                Workload.of(overlay.manifest(), "dashboard").required("HPO_API_URL"));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void ingressSendsTheApiToStudyServiceAndTheRestToTheDashboard(Overlay overlay) {
        Manifest manifest = overlay.manifest();
        Ingress ingress = Strict.read(manifest.one("Ingress", "hpo"), Ingress.class);
        Map<String, String> backends = ingress.getSpec().getRules().get(0).getHttp().getPaths().stream()
                .collect(Collectors.toMap(HTTPIngressPath::getPath, p -> p.getBackend().getService().getName()));
        assertEquals(Map.of("/api", STUDY_SERVICE, "/", "dashboard"), backends);
        ingress.getSpec().getRules().get(0).getHttp().getPaths().forEach(p -> {
            var service = manifest.service(p.getBackend().getService().getName());
            String port = p.getBackend().getService().getPort().getName();
            assertEquals(service.getSpec().getPorts().get(0).getName(), port);
        });
    }

    private static void assertSecret(Workload workload, String variable, String secret, String key) {
        SecretKeySelector selector = workload.secret(variable)
                .orElseThrow(() -> new AssertionError(variable + " comes from a Secret"));
        assertEquals(secret, selector.getName(), variable);
        assertEquals(key, selector.getKey(), variable);
    }
}
