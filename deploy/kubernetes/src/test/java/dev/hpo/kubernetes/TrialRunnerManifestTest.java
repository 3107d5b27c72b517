package dev.hpo.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;

/** Trial runners: graceful shutdown, identity, DJL offline, shared checkpoints, the dataset, KEDA, GPUs. */
class TrialRunnerManifestTest {

    private static final String RUNNER = "trial-runner";
    private static final ServiceConfig CONFIG = ServiceConfig.of(RUNNER);
    private static final long CLIENT_CLOSE_ALLOWANCE_SECONDS = 15;

    /** Every parameter of KEDA's kafka scaler (pkg/scalers/kafka_scaler.go, kafkaMetadata) this project may set. */
    private static final Set<String> KAFKA_TRIGGER_PARAMETERS = Set.of("bootstrapServers", "bootstrapServersFromEnv",
            "consumerGroup", "consumerGroupFromEnv", "topic", "topicFromEnv", "partitionLimitation", "lagThreshold",
            "activationLagThreshold", "offsetResetPolicy", "allowIdleConsumers", "excludePersistentLag",
            "scaleToZeroOnInvalidOffset", "limitToPartitionsWithLag", "ensureEvenDistributionOfPartitions", "version",
            "sasl", "tls", "unsafeSsl", "awsRegion", "saslTokenProvider");
    private static final Set<String> SCALED_OBJECT_FIELDS = Set.of("scaleTargetRef", "pollingInterval",
            "cooldownPeriod", "initialCooldownPeriod", "idleReplicaCount", "minReplicaCount", "maxReplicaCount",
            "fallback", "advanced", "triggers");

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void gracePeriodCoversPreStopShutdownTimeoutAndClientClose(Overlay overlay) {
        Workload runner = Workload.of(overlay.manifest(), RUNNER);
        Duration shutdown = ServiceConfig.duration(runner.value("HPO_RUNNER_SHUTDOWN_TIMEOUT")
                .or(() -> CONFIG.mappingDefault("hpo.runner.shutdown-timeout")).orElseThrow());
        long preStop = runner.container().getLifecycle().getPreStop().getSleep().getSeconds();
        long needed = preStop + shutdown.toSeconds() + CLIENT_CLOSE_ALLOWANCE_SECONDS;
        assertTrue(runner.pod().getTerminationGracePeriodSeconds() >= needed,
                () -> "terminationGracePeriodSeconds >= preStop " + preStop + " s + shutdown-timeout "
                        + shutdown.toSeconds() + " s + " + CLIENT_CLOSE_ALLOWANCE_SECONDS + " s = " + needed);
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void heartbeatsComeWellWithinStudyServicesLease(Overlay overlay) {
        Workload runner = Workload.of(overlay.manifest(), RUNNER);
        Workload studyService = Workload.of(overlay.manifest(), "study-service");
        Duration heartbeat = ServiceConfig.duration(runner.value("HPO_RUNNER_HEARTBEAT_INTERVAL")
                .or(() -> CONFIG.mappingDefault("hpo.runner.heartbeat-interval")).orElseThrow());
        Duration lease = ServiceConfig.duration(studyService.value("HPO_STUDY_LEASE_TIMEOUT")
                .or(() -> ServiceConfig.of("study-service").mappingDefault("hpo.study.lease-timeout")).orElseThrow());
        assertTrue(heartbeat.multipliedBy(3).compareTo(lease) <= 0,
                () -> "three heartbeats (" + heartbeat + ") fit in the lease (" + lease + ")");
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void eachRunnerIsNamedAfterItsPod(Overlay overlay) {
        var id = Workload.of(overlay.manifest(), RUNNER).env("HPO_RUNNER_ID").orElseThrow();
        assertEquals("metadata.name", id.getValueFrom().getFieldRef().getFieldPath());
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void djlRunsOfflineAndUnpacksIntoAWritableVolume(Overlay overlay) {
        Workload runner = Workload.of(overlay.manifest(), RUNNER);
        assertEquals("true", runner.required("DJL_OFFLINE"));
        assertEquals("true", runner.required("OPT_OUT_TRACKING"));
        assertEquals(runner.required("HPO_RUNNER_THREADS_PER_TRIAL"), runner.required("OMP_NUM_THREADS"));
        assertFalse(runner.environmentNames().contains("PYTORCH_VERSION"), "PYTORCH_VERSION makes DJL download");
        String cache = runner.required("DJL_CACHE_DIR");
        assertEquals(cache, runner.required("HPO_RUNNER_DJL_CACHE_DIR"));
        assertNotNull(runner.volumeAt(cache).getEmptyDir(), "the natives unpack into an emptyDir");
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void checkpointsLiveOnOneVolumeSharedByAllRunners(Overlay overlay) {
        Manifest manifest = overlay.manifest();
        Workload runner = Workload.of(manifest, RUNNER);
        Volume volume = runner.volumeAt(runner.required("HPO_RUNNER_CHECKPOINT_DIR"));
        assertNotNull(volume.getPersistentVolumeClaim(), "checkpoints outlive the pod");
        List<String> modes = manifest.persistentVolumeClaim(volume.getPersistentVolumeClaim().getClaimName())
                .getSpec().getAccessModes();
        if (maxReplicas(manifest) > 1) {
            assertEquals(List.of("ReadWriteMany"), modes, "several runners mount the checkpoints at once");
        } else {
            assertFalse(modes.isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void initContainerCopiesTheDatasetWhereTheRunnerReadsIt(Overlay overlay) {
        Workload runner = Workload.of(overlay.manifest(), RUNNER);
        String datasets = runner.required("HPO_RUNNER_DATASET_DIR");
        Volume volume = runner.volumeAt(datasets);
        assertNotNull(volume.getEmptyDir());
        assertEquals(Boolean.TRUE, Workload.mountAt(runner.container(), datasets).getReadOnly());
        Container init = runner.pod().getInitContainers().get(0);
        assertEquals(volume.getName(), Workload.mountAt(init, datasets).getName());
        List<String> command = init.getCommand();
        assertEquals(datasets, command.get(command.size() - 1).replaceAll("/$", ""), "cp copies into the volume");
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void kedaScalesOnTheLagOfTheRunnersConsumerGroup(Overlay overlay) {
        Manifest manifest = overlay.manifest();
        JsonNode spec = manifest.one("ScaledObject", RUNNER).path("spec");
        spec.fieldNames().forEachRemaining(f -> assertTrue(SCALED_OBJECT_FIELDS.contains(f), "ScaledObject." + f));
        assertEquals(RUNNER, spec.path("scaleTargetRef").path("name").asText());
        assertEquals(0, spec.path("minReplicaCount").asInt(-1), "scales to zero when nothing waits");
        assertTrue(maxReplicas(manifest) >= 1);
        assertNull(Workload.of(manifest, RUNNER).deployment().getSpec().getReplicas(),
                "no replicas in the Deployment: applying it again must not fight KEDA");

        JsonNode trigger = spec.path("triggers").get(0);
        assertEquals("kafka", trigger.path("type").asText());
        JsonNode metadata = trigger.path("metadata");
        metadata.fieldNames().forEachRemaining(p -> assertTrue(KAFKA_TRIGGER_PARAMETERS.contains(p), "kafka " + p));
        String channel = "mp.messaging.incoming.trial-requests.";
        assertEquals(CONFIG.property(channel + "group.id").orElseThrow(), metadata.path("consumerGroup").asText());
        assertEquals(CONFIG.property(channel + "topic").orElseThrow(), metadata.path("topic").asText());
        assertEquals(CONFIG.property(channel + "auto.offset.reset").orElseThrow(),
                metadata.path("offsetResetPolicy").asText());
        assertEquals("1", metadata.path("lagThreshold").asText(), "one runner per waiting or running trial");
        assertEquals("false", metadata.path("allowIdleConsumers").asText());
        assertEquals("false", metadata.path("scaleToZeroOnInvalidOffset").asText(),
                "true would never start the first runner with offsetResetPolicy earliest");
        assertEquals("false", metadata.path("excludePersistentLag").asText(), "a training trial's lag stays put");
        String bootstrapVariable = metadata.path("bootstrapServersFromEnv").asText();
        assertTrue(Workload.of(manifest, RUNNER).environmentNames().contains(bootstrapVariable),
                "KEDA reads the bootstrap servers from the runner's own environment: " + bootstrapVariable);
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void gpuRunnersTakeOneGpuOnGpuNodes(Overlay overlay) {
        Workload runner = Workload.of(overlay.manifest(), RUNNER);
        Quantity gpus = runner.container().getResources().getLimits().get("nvidia.com/gpu");
        if (!overlay.gpu) {
            assertNull(gpus, "CPU runners request no GPU");
            return;
        }
        assertEquals("1", gpus.getAmount(), "one trial, one GPU");
        assertFalse(runner.pod().getNodeSelector().isEmpty(), "scheduled on GPU nodes only");
        assertTrue(runner.pod().getTolerations().stream().anyMatch(t -> "nvidia.com/gpu".equals(t.getKey())));
        assertEquals(0, runner.deployment().getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal(),
                "a surge pod would wait for a free GPU");
    }

    static int maxReplicas(Manifest manifest) {
        return manifest.one("ScaledObject", RUNNER).path("spec").path("maxReplicaCount").asInt();
    }
}
