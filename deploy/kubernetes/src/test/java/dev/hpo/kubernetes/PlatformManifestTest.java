package dev.hpo.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kafka, PostgreSQL and the topics: the in-cluster platform's names are the addresses the services use, its topics are
 * every topic the services name, the external overlay takes addresses from Secrets, and the docs create each Secret
 * and topic the manifests need.
 */
class PlatformManifestTest {

    private static final List<String> SERVICES = List.of("study-service", "trial-runner", "dashboard");
    private static final Pattern PROTOCOL_TOPIC = Pattern.compile("String \\w+ = \"(hpo\\.[\\w.-]+)\";");
    private static final Set<String> KAFKA_TOPIC_FIELDS = Set.of("topicName", "partitions", "replicas", "config");

    @ParameterizedTest
    @EnumSource(value = Overlay.class, names = {"DEV", "GPU"})
    void servicesUseStrimzisBootstrapService(Overlay overlay) {
        Manifest manifest = overlay.manifest();
        List<ObjectNode> clusters = manifest.kind("Kafka");
        assertEquals(1, clusters.size());
        JsonNode kafka = clusters.get(0);
        String cluster = kafka.path("metadata").path("name").asText();
        JsonNode plain = kafka.path("spec").path("kafka").path("listeners").get(0);
        assertEquals("internal", plain.path("type").asText());
        assertEquals(false, plain.path("tls").asBoolean(true), "the services speak plaintext Kafka");
        String bootstrap = cluster + "-kafka-bootstrap:" + plain.path("port").asInt();
        SERVICES.forEach(s -> assertEquals(bootstrap, Workload.of(manifest, s).required("KAFKA_BOOTSTRAP_SERVERS"), s));

        List<ObjectNode> pools = manifest.kind("KafkaNodePool");
        assertTrue(pools.stream().anyMatch(p -> cluster.equals(p.path("metadata").path("labels")
                .path("strimzi.io/cluster").asText())), "a node pool belongs to " + cluster);
        Set<String> roles = new TreeSet<>();
        pools.forEach(p -> p.path("spec").path("roles").forEach(r -> roles.add(r.asText())));
        assertEquals(Set.of("broker", "controller"), roles, "KRaft: controllers and brokers, no ZooKeeper");
    }

    @ParameterizedTest
    @EnumSource(value = Overlay.class, names = {"DEV", "GPU"})
    void studyServiceUsesTheCloudNativePgCluster(Overlay overlay) {
        Manifest manifest = overlay.manifest();
        JsonNode cluster = manifest.kind("Cluster").get(0);
        JsonNode initdb = cluster.path("spec").path("bootstrap").path("initdb");
        String host = cluster.path("metadata").path("name").asText() + "-rw:5432/" + initdb.path("database").asText();
        Workload studyService = Workload.of(manifest, "study-service");
        assertEquals("jdbc:postgresql://" + host, studyService.required("HPO_DB_URL"));
        assertEquals("postgresql://" + host, studyService.required("HPO_DB_REACTIVE_URL"));
        String credentials = initdb.path("secret").path("name").asText();
        assertEquals(credentials, studyService.secret("HPO_DB_USER").orElseThrow().getName(),
                "study-service logs in as the database owner CloudNativePG created from the same Secret");
    }

    @ParameterizedTest
    @EnumSource(value = Overlay.class, names = {"DEV", "GPU"})
    void topicsAreEveryTopicTheServicesAndTheProtocolName(Overlay overlay) {
        Map<String, Integer> topics = topics(overlay.manifest());
        Set<String> named = namedTopics();
        Set<String> missing = new TreeSet<>(named);
        missing.removeAll(topics.keySet());
        assertTrue(missing.isEmpty(), () -> "no KafkaTopic for " + missing);
        topics.keySet().forEach(t -> assertTrue(named.contains(t) || named.contains(t.replaceAll("\\.dlq$", "")),
                () -> t + " is a topic no service or protocol constant names"));
    }

    @ParameterizedTest
    @EnumSource(value = Overlay.class, names = {"DEV", "GPU"})
    void trialRequestsHaveAtLeastAPartitionPerRunner(Overlay overlay) {
        int partitions = topics(overlay.manifest()).get("hpo.trial-requests");
        assertTrue(partitions >= TrialRunnerManifestTest.maxReplicas(overlay.manifest()),
                "KEDA never runs more runners than partitions, and extra runners would idle");
        assertTrue(partitions >= TrialRunnerManifestTest.maxReplicas(Manifest.of("base")),
                "the base's default maximum fits too");
    }

    @Test
    void externalOverlayTakesKafkaAndPostgresFromSecrets() {
        Manifest manifest = Overlay.EXTERNAL.manifest();
        Stream.of("Kafka", "KafkaNodePool", "KafkaTopic", "Cluster")
                .forEach(kind -> assertTrue(manifest.kind(kind).isEmpty(), () -> "external brings no " + kind));
        SERVICES.forEach(s -> assertEquals("hpo-kafka",
                Workload.of(manifest, s).secret("KAFKA_BOOTSTRAP_SERVERS").orElseThrow().getName(), s));
        Workload studyService = Workload.of(manifest, "study-service");
        assertEquals("jdbc-url", studyService.secret("HPO_DB_URL").orElseThrow().getKey());
        assertEquals("reactive-url", studyService.secret("HPO_DB_REACTIVE_URL").orElseThrow().getKey());
        Set<String> addresses = Set.of("KAFKA_BOOTSTRAP_SERVERS", "HPO_DB_URL", "HPO_DB_REACTIVE_URL");
        SERVICES.forEach(s -> manifest.configMap(s).getData().keySet().forEach(key -> assertFalse(
                addresses.contains(key), () -> s + "'s ConfigMap still names an in-cluster address: " + key)));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void docsCreateEverySecretWithEveryKeyTheOverlayReads(Overlay overlay) {
        Map<String, Set<String>> needed = new TreeMap<>();
        for (String service : SERVICES) {
            Workload.of(overlay.manifest(), service).container().getEnv().stream()
                    .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .map(e -> e.getValueFrom().getSecretKeyRef())
                    .forEach(s -> needed.computeIfAbsent(s.getName(), n -> new TreeSet<>()).add(s.getKey()));
        }
        List<String> commands = docsCommands();
        needed.forEach((secret, keys) -> assertTrue(commands.stream().anyMatch(c -> c.contains(
                "create secret generic " + secret + " ") && keys.stream().allMatch(k -> c.contains("--from-literal="
                + k + "="))), () -> "docs/kubernetes.md has no 'kubectl create secret generic " + secret + "' with "
                + keys + " for overlay " + overlay.directory));
    }

    @Test
    void docsListEveryTopicWithItsPartitions() {
        String docs = Repository.read(Repository.docs());
        topics(Manifest.of("base")).forEach((topic, partitions) -> assertTrue(
                docs.contains("| `" + topic + "` | " + partitions + " |"),
                () -> "docs/kubernetes.md's topic table lists `" + topic + "` with " + partitions + " partitions"));
    }

    private static Map<String, Integer> topics(Manifest manifest) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (ObjectNode topic : manifest.kind("KafkaTopic")) {
            JsonNode spec = topic.path("spec");
            spec.fieldNames().forEachRemaining(f -> assertTrue(KAFKA_TOPIC_FIELDS.contains(f), "KafkaTopic." + f));
            assertEquals("hpo-kafka", topic.path("metadata").path("labels").path("strimzi.io/cluster").asText());
            topics.put(spec.path("topicName").asText(), spec.path("partitions").asInt());
        }
        return topics;
    }

    private static Set<String> namedTopics() {
        Set<String> named = new TreeSet<>();
        SERVICES.forEach(s -> named.addAll(ServiceConfig.of(s).topics()));
        Matcher matcher = PROTOCOL_TOPIC.matcher(Repository.read(
                Repository.root().resolve("protocol/src/main/java/dev/hpo/protocol/Topics.java")));
        while (matcher.find()) {
            named.add(matcher.group(1));
        }
        return named;
    }

    /** The docs' shell lines, backslash continuations joined. */
    private static List<String> docsCommands() {
        return List.of(Repository.read(Repository.docs()).replace("\\\n", " ").split("\n"));
    }
}
