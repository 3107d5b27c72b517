package dev.hpo.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * One service's Deployment in a rendered manifest, with its main container's environment resolved the way the
 * kubelet does it: {@code env} entries win over keys of the ConfigMaps named in {@code envFrom}.
 */
final class Workload {

    private final Manifest manifest;
    private final Deployment deployment;

    private Workload(Manifest manifest, Deployment deployment) {
        this.manifest = manifest;
        this.deployment = deployment;
    }

    static Workload of(Manifest manifest, String name) {
        return new Workload(manifest, manifest.deployment(name));
    }

    Deployment deployment() {
        return deployment;
    }

    PodSpec pod() {
        return deployment.getSpec().getTemplate().getSpec();
    }

    /** The one container, named after the Deployment. */
    Container container() {
        assertEquals(1, pod().getContainers().size(), () -> name() + " runs one container");
        Container container = pod().getContainers().get(0);
        assertEquals(name(), container.getName());
        return container;
    }

    String name() {
        return deployment.getMetadata().getName();
    }

    /** Every variable the container gets: its own {@code env} and the keys of its {@code envFrom} ConfigMaps. */
    Set<String> environmentNames() {
        Set<String> names = new LinkedHashSet<>();
        container().getEnv().forEach(e -> names.add(e.getName()));
        for (EnvFromSource source : container().getEnvFrom()) {
            assertNull(source.getSecretRef(), () -> name() + ": envFrom a whole Secret hides which variables it sets;"
                    + " name each one with secretKeyRef");
            assertNull(source.getPrefix(), () -> name() + ": no envFrom prefix");
            names.addAll(manifest.configMap(source.getConfigMapRef().getName()).getData().keySet());
        }
        return names;
    }

    /** A variable's literal value (from {@code env} or a ConfigMap); empty when unset or taken from elsewhere. */
    Optional<String> value(String variable) {
        Optional<EnvVar> own = env(variable);
        if (own.isPresent()) {
            return Optional.ofNullable(own.get().getValue());
        }
        for (EnvFromSource source : container().getEnvFrom()) {
            String value = manifest.configMap(source.getConfigMapRef().getName()).getData().get(variable);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    String required(String variable) {
        return value(variable).orElseGet(() -> fail(name() + " sets no value for " + variable));
    }

    Optional<EnvVar> env(String variable) {
        return container().getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst();
    }

    Optional<SecretKeySelector> secret(String variable) {
        return env(variable).filter(e -> e.getValueFrom() != null).map(e -> e.getValueFrom().getSecretKeyRef());
    }

    /** The volume mounted at {@code path} in the main container. */
    Volume volumeAt(String path) {
        VolumeMount mount = mountAt(container(), path);
        return pod().getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                .orElseGet(() -> fail(name() + " mounts a volume it does not declare: " + mount.getName()));
    }

    static VolumeMount mountAt(Container container, String path) {
        return container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseGet(() -> fail(container.getName() + " mounts nothing at " + path));
    }
}
