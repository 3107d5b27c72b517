package dev.hpo.checkpoint;

import java.util.Optional;

/**
 * Where an {@link S3CheckpointStore} keeps its checkpoints and how it connects, as configured. The keys named below
 * are relative to the prefix a service passes to {@link CheckpointStores#open}.
 *
 * @param endpoint  {@code s3.endpoint}: URL of an S3-compatible server (MinIO, Ceph, S3Proxy, ...), such as
 *                  {@code http://minio:9000}; empty means AWS S3 itself
 * @param region    {@code s3.region}: the signing region; S3-compatible servers mostly accept any, such as
 *                  {@code us-east-1}
 * @param bucket    {@code s3.bucket}: the bucket, which must exist
 * @param prefix    {@code s3.prefix}: the key prefix under which the checkpoints are kept, so that several
 *                  installations can share a bucket; empty means the bucket's root
 * @param pathStyle {@code s3.path-style}: address the bucket as {@code <endpoint>/<bucket>/<key>} rather than
 *                  {@code <bucket>.<endpoint>/<key>}; most S3-compatible servers need it
 * @param accessKey {@code s3.access-key}: with {@code secretKey}, the credentials; when both are empty the SDK's
 *                  default chain is asked (environment variables, system properties, {@code ~/.aws}, container and
 *                  instance roles)
 * @param secretKey {@code s3.secret-key}
 */
public record S3Settings(Optional<String> endpoint, String region, Optional<String> bucket, Optional<String> prefix,
        boolean pathStyle, Optional<String> accessKey, Optional<String> secretKey) {

    /** Without the secret key, which must not end up in logs. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint.orElse("(AWS)") + ", region=" + region + ", bucket="
                + bucket.orElse("(unset)") + ", prefix=" + prefix.orElse("") + ", pathStyle=" + pathStyle
                + ", accessKey=" + accessKey.orElse("(default chain)") + ", secretKey="
                + secretKey.map(secret -> "(set)").orElse("(unset)") + "]";
    }
}
