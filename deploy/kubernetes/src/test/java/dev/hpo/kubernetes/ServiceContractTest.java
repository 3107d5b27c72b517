package dev.hpo.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

/**
 * What every service's Deployment, Service, ConfigMap and ServiceAccount must say in every overlay, checked against
 * the service's own configuration: its HTTP port, its health endpoints, and only keys it reads.
 */
class ServiceContractTest {

    private static final List<String> SERVICES = List.of("study-service", "trial-runner", "dashboard");

    /**
     * Variables read from the process environment by libraries rather than as configuration, per service. Each must
     * be documented in that service's README.
     */
    private static final Map<String, Set<String>> PROCESS_ENVIRONMENT = Map.of(
            "trial-runner", Set.of("DJL_OFFLINE", "OPT_OUT_TRACKING", "DJL_CACHE_DIR", "OMP_NUM_THREADS"));

    static Stream<Arguments> overlaysAndServices() {
        List<Arguments> arguments = new ArrayList<>();
        for (Overlay overlay : Overlay.values()) {
            SERVICES.forEach(service -> arguments.add(Arguments.of(overlay, service)));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void containerPortIsTheServicesHttpPort(Overlay overlay, String service) {
        Workload workload = Workload.of(overlay.manifest(), service);
        List<ContainerPort> ports = workload.container().getPorts();
        assertEquals(1, ports.size());
        assertEquals("http", ports.get(0).getName());
        assertEquals(ServiceConfig.of(service).httpPort(), ports.get(0).getContainerPort(),
                "quarkus.http.port of " + service + "/src/main/resources/application.properties");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void probesAskQuarkusHealth(Overlay overlay, String service) {
        Container container = Workload.of(overlay.manifest(), service).container();
        assertProbe("/q/health/live", container.getLivenessProbe(), service + " liveness");
        assertProbe("/q/health/ready", container.getReadinessProbe(), service + " readiness");
        assertProbe("/q/health/live", container.getStartupProbe(), service + " startup");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void environmentNamesOnlyWhatTheServiceReads(Overlay overlay, String service) {
        ServiceConfig config = ServiceConfig.of(service);
        Set<String> readable = new TreeSet<>(config.environmentNames());
        Set<String> fromProcess = PROCESS_ENVIRONMENT.getOrDefault(service, Set.of());
        String readme = Repository.read(Repository.root().resolve(service).resolve("README.md"));
        fromProcess.forEach(variable -> assertTrue(readme.contains(variable),
                () -> service + "/README.md documents " + variable));
        readable.addAll(fromProcess);
        Set<String> unknown = new TreeSet<>(Workload.of(overlay.manifest(), service).environmentNames());
        unknown.removeAll(readable);
        assertTrue(unknown.isEmpty(), () -> service + " does not read " + unknown
                + " (not a key of its application.properties or @ConfigMapping, nor a variable they reference)");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void runsAsNonRootOnAReadOnlyRootFilesystem(Overlay overlay, String service) {
        Workload workload = Workload.of(overlay.manifest(), service);
        PodSecurityContext pod = workload.pod().getSecurityContext();
        assertEquals(Boolean.TRUE, pod.getRunAsNonRoot());
        assertTrue(pod.getRunAsUser() != null && pod.getRunAsUser() > 0, "runAsUser is a non-root uid");
        assertEquals("RuntimeDefault", pod.getSeccompProfile().getType());
        assertEquals(Boolean.FALSE, workload.pod().getAutomountServiceAccountToken(), "no API access needed");
        Stream.concat(workload.pod().getContainers().stream(), workload.pod().getInitContainers().stream())
                .forEach(c -> {
                    SecurityContext context = c.getSecurityContext();
                    assertEquals(Boolean.TRUE, context.getReadOnlyRootFilesystem(), c.getName());
                    assertEquals(Boolean.FALSE, context.getAllowPrivilegeEscalation(), c.getName());
                    assertEquals(List.of("ALL"), context.getCapabilities().getDrop(), c.getName());
                });
        assertNotNull(workload.volumeAt("/tmp").getEmptyDir(), "/tmp is a writable emptyDir");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void everyContainerRequestsAndLimitsCpuAndMemory(Overlay overlay, String service) {
        Workload workload = Workload.of(overlay.manifest(), service);
        Stream.concat(workload.pod().getContainers().stream(), workload.pod().getInitContainers().stream())
                .forEach(c -> {
                    for (String resource : List.of("cpu", "memory")) {
                        assertTrue(c.getResources().getRequests().containsKey(resource), c.getName() + " requests");
                        assertTrue(c.getResources().getLimits().containsKey(resource), c.getName() + " limits");
                    }
                });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void prometheusScrapesQuarkusMetricsOnTheHttpPort(Overlay overlay, String service) {
        Map<String, String> annotations = Workload.of(overlay.manifest(), service).deployment().getSpec().getTemplate()
                .getMetadata().getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
        assertEquals(String.valueOf(ServiceConfig.of(service).httpPort()), annotations.get("prometheus.io/port"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void serviceAndServiceAccountBelongToTheDeployment(Overlay overlay, String service) {
        Manifest manifest = overlay.manifest();
        Workload workload = Workload.of(manifest, service);
        Map<String, String> podLabels = workload.deployment().getSpec().getTemplate().getMetadata().getLabels();
        assertEquals(Map.of("app.kubernetes.io/name", service),
                workload.deployment().getSpec().getSelector().getMatchLabels());
        Service kubernetesService = manifest.service(service);
        kubernetesService.getSpec().getSelector().forEach((k, v) -> assertEquals(v, podLabels.get(k), k));
        ServicePort port = kubernetesService.getSpec().getPorts().get(0);
        assertEquals("http", port.getTargetPort().getStrVal());
        assertEquals(ServiceConfig.of(service).httpPort(), port.getPort());
        assertEquals(service, workload.pod().getServiceAccountName());
        manifest.one("ServiceAccount", service);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void leavesTheEndpointsBeforeSigterm(Overlay overlay, String service) {
        Workload workload = Workload.of(overlay.manifest(), service);
        var preStop = workload.container().getLifecycle().getPreStop();
        assertNotNull(preStop.getSleep(), "preStop sleeps (no shell needed in the image)");
        assertFalse(workload.pod().getTerminationGracePeriodSeconds() <= preStop.getSleep().getSeconds(),
                "the grace period outlasts the preStop sleep");
    }

    private static void assertProbe(String path, Probe probe, String what) {
        assertNotNull(probe, what);
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, what + " is an HTTP GET");
        assertEquals(path, get.getPath(), what);
        assertEquals("http", get.getPort().getStrVal(), what + " on the named port");
    }
}
