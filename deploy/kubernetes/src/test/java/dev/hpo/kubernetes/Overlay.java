package dev.hpo.kubernetes;

/** The overlays under {@code deploy/kubernetes/overlays} and what each must produce. */
enum Overlay {

    /** Self-contained, one node: in-cluster Kafka and PostgreSQL, at most one CPU runner. */
    DEV("dev", "hpo/trial-runner", false, true),
    /** CUDA runners on GPU nodes, in-cluster Kafka and PostgreSQL. */
    GPU("gpu", "hpo/trial-runner-cuda", true, true),
    /** Existing Kafka and PostgreSQL, addresses and credentials from Secrets. */
    EXTERNAL("external", "hpo/trial-runner", false, false);

    final String directory;
    final String runnerImage;
    final boolean gpu;
    final boolean inClusterPlatform;

    Overlay(String directory, String runnerImage, boolean gpu, boolean inClusterPlatform) {
        this.directory = directory;
        this.runnerImage = runnerImage;
        this.gpu = gpu;
        this.inClusterPlatform = inClusterPlatform;
    }

    Manifest manifest() {
        return Manifest.of("overlays/" + directory);
    }
}
