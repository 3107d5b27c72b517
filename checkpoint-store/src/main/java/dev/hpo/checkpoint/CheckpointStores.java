package dev.hpo.checkpoint;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Opens the checkpoint store that settings describe, and rejects bad settings at once with a message that names the
 * configuration key. A service passes its configuration prefix, under which the keys are the same everywhere:
 * {@code <prefix>.checkpoint-store}, {@code <prefix>.checkpoint-dir} and {@code <prefix>.s3.*} (see
 * {@link S3Settings}).
 */
public final class CheckpointStores {

    /** Bucket names as S3 has required them since 2018, and MinIO and Ceph do too. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private CheckpointStores() {
    }

    /**
     * Opens the store; nothing is contacted yet, so an unreachable server or a missing bucket shows in the first
     * operation.
     *
     * @param configPrefix the prefix of the service's keys, such as {@code hpo.runner}, for messages
     * @throws IllegalArgumentException naming the key whose value is missing or wrong
     */
    public static CheckpointStore open(CheckpointStoreSettings settings, String configPrefix) {
        if (settings.kind() == null) {
            throw new IllegalArgumentException(configPrefix + ".checkpoint-store must be file or s3");
        }
        return switch (settings.kind()) {
            case FILE -> openFile(settings.directory(), configPrefix);
            case S3 -> openS3(settings.s3(), configPrefix, Path.of(System.getProperty("java.io.tmpdir")),
                    S3CheckpointStore.MAX_KEYS_PER_REQUEST);
        };
    }

    private static CheckpointStore openFile(Path directory, String configPrefix) {
        if (directory == null) {
            throw new IllegalArgumentException(configPrefix + ".checkpoint-dir must be set when the store is file");
        }
        return new FileCheckpointStore(directory);
    }

    /** An S3 store that keeps its uploads in {@code temporaryDirectory} and lists {@code pageSize} keys at a time. */
    static S3CheckpointStore openS3(S3Settings s3, String configPrefix, Path temporaryDirectory, int pageSize) {
        String keys = configPrefix + ".s3.";
        if (s3 == null || s3.bucket().filter(bucket -> !bucket.isBlank()).isEmpty()) {
            throw new IllegalArgumentException(keys + "bucket must be set when the store is s3");
        }
        String bucket = s3.bucket().get();
        if (!BUCKET_NAME.matcher(bucket).matches()) {
            throw new IllegalArgumentException(keys + "bucket must be a bucket name: 3 to 63 lower-case letters,"
                    + " digits, dots and hyphens, beginning and ending with a letter or digit; was '" + bucket + "'");
        }
        if (s3.region() == null || s3.region().isBlank()) {
            throw new IllegalArgumentException(keys + "region must be set when the store is s3 (S3-compatible servers"
                    + " mostly accept any, such as us-east-1)");
        }
        Optional<URI> endpoint = s3.endpoint().filter(value -> !value.isBlank())
                .map(value -> endpoint(value, keys + "endpoint"));
        String keyPrefix = keyPrefix(s3.prefix().orElse(""), keys + "prefix");
        AwsCredentialsProvider credentials = credentials(s3, keys);

        S3ClientBuilder client = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(s3.region()))
                .forcePathStyle(s3.pathStyle())
                .credentialsProvider(credentials);
        endpoint.ifPresent(uri -> client.endpointOverride(uri)
                // S3-compatible servers vary in their support of the CRC checksums that the SDK sends since 2.30:
                // checksums only where an operation requires one (DeleteObjects), and there Content-MD5 as well,
                // which older servers require
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .addPlugin(LegacyMd5Plugin.create()));
        String server = endpoint.map(URI::toString).orElse("AWS S3 (region " + s3.region() + ")");
        return new S3CheckpointStore(client.build(), bucket, keyPrefix, server, temporaryDirectory, pageSize);
    }

    private static URI endpoint(String value, String key) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + " must be a URL such as http://minio:9000, was '" + value + "': "
                    + e.getMessage(), e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(key + " must be an http or https URL with a host, such as"
                    + " http://minio:9000, was '" + value + "'");
        }
        return uri;
    }

    /** The prefix as keys begin with it: empty, or without a leading and with a trailing {@code /}. */
    private static String keyPrefix(String value, String key) {
        String trimmed = value.strip().replaceAll("^/+", "").replaceAll("/+$", "");
        if (trimmed.isEmpty()) {
            return "";
        }
        try {
            return CheckpointReferences.validate(trimmed) + "/";
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be a key prefix like hpo/production: " + e.getMessage(), e);
        }
    }

    private static AwsCredentialsProvider credentials(S3Settings s3, String keys) {
        Optional<String> accessKey = s3.accessKey().filter(value -> !value.isBlank());
        Optional<String> secretKey = s3.secretKey().filter(value -> !value.isBlank());
        if (accessKey.isPresent() != secretKey.isPresent()) {
            String missing = accessKey.isPresent() ? "secret-key" : "access-key";
            String set = accessKey.isPresent() ? "access-key" : "secret-key";
            throw new IllegalArgumentException(keys + missing + " must be set when " + keys + set + " is (or leave"
                    + " both unset for the SDK's default credentials)");
        }
        if (accessKey.isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey.get(), secretKey.get()));
    }
}
