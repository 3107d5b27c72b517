package dev.hpo.checkpoint;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keeps checkpoints as objects in a bucket of S3 or of an S3-compatible server (MinIO, Ceph, S3Proxy, ...), which
 * runners on any number of machines share. Reference {@code s1/t7/epoch-0004.ckpt} is the key
 * {@code <prefix>/s1/t7/epoch-0004.ckpt}, or the key {@code s1/t7/epoch-0004.ckpt} without a prefix.
 * <p>
 * A write first streams the checkpoint into a temporary file (checkpoints can be hundreds of megabytes, more than
 * is sensible to hold in memory), then uploads the file in one {@code PutObject}. S3 makes an object visible only
 * once all of it has arrived, so a reader sees the previous checkpoint or the whole new one, and a write that fails,
 * in the content or in the upload, leaves nothing behind. The temporary file is always deleted.
 * <p>
 * Errors are {@link IOException}s naming the bucket and the key, and for a refusal by the server its HTTP status and
 * S3 error code.
 */
public final class S3CheckpointStore implements CheckpointStore {

    /** The most keys one {@code ListObjectsV2} returns and one {@code DeleteObjects} accepts. */
    static final int MAX_KEYS_PER_REQUEST = 1000;

    private static final int HTTP_NOT_FOUND = 404;

    private final S3Client client;
    private final String bucket;
    private final String keyPrefix;
    private final String server;
    private final Path temporaryDirectory;
    private final int pageSize;

    /**
     * @param client             the client, which this store closes on {@link #close()}
     * @param bucket             the bucket, which must exist
     * @param keyPrefix          put before every reference to make its key: empty, or ending in {@code /}
     * @param server             the server, in words, for messages: its endpoint, or "AWS S3 (region ...)"
     * @param temporaryDirectory where a checkpoint waits while it is uploaded; needs room for the largest one
     * @param pageSize           keys listed per request, at most {@value #MAX_KEYS_PER_REQUEST}; smaller in tests
     */
    S3CheckpointStore(S3Client client, String bucket, String keyPrefix, String server, Path temporaryDirectory,
            int pageSize) {
        if (!keyPrefix.isEmpty() && !keyPrefix.endsWith("/")) {
            throw new IllegalArgumentException("key prefix must be empty or end in '/', was '" + keyPrefix + "'");
        }
        if (pageSize < 1 || pageSize > MAX_KEYS_PER_REQUEST) {
            throw new IllegalArgumentException("page size must be 1 to " + MAX_KEYS_PER_REQUEST + ", was " + pageSize);
        }
        this.client = client;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix;
        this.server = server;
        this.temporaryDirectory = temporaryDirectory;
        this.pageSize = pageSize;
    }

    @Override
    public void write(String reference, Content content) throws IOException {
        String key = key(CheckpointReferences.validate(reference));
        Path temporary = Files.createTempFile(temporaryDirectory, "hpo-checkpoint-", ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
                content.writeTo(out);
            }
            upload(reference, key, temporary);
        } catch (Throwable e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        Files.deleteIfExists(temporary);
    }

    @Override
    public InputStream open(String reference) throws IOException {
        String key = key(CheckpointReferences.validate(reference));
        try {
            return client.getObject(request -> request.bucket(bucket).key(key));
        } catch (SdkException e) {
            if (isNotFound(e)) {
                throw new CheckpointNotFoundException("checkpoint '" + reference + "' not found in " + location()
                        + " (no key '" + key + "' in bucket '" + bucket + "')");
            }
            throw failure("cannot read checkpoint", reference, key, e);
        }
    }

    @Override
    public boolean exists(String reference) throws IOException {
        String key = key(CheckpointReferences.validate(reference));
        try {
            client.headObject(request -> request.bucket(bucket).key(key));
            return true;
        } catch (SdkException e) {
            if (isNotFound(e)) {
                return false;
            }
            throw failure("cannot look up checkpoint", reference, key, e);
        }
    }

    @Override
    public void delete(String reference) throws IOException {
        String key = key(CheckpointReferences.validate(reference));
        try {
            client.deleteObject(request -> request.bucket(bucket).key(key));
        } catch (SdkException e) {
            if (!isNotFound(e)) {
                throw failure("cannot delete checkpoint", reference, key, e);
            }
        }
    }

    @Override
    public int deleteAll(String prefix) throws IOException {
        String keys = key(CheckpointReferences.validatePrefix(prefix));
        int deleted = 0;
        String continuation = null;
        do {
            ListObjectsV2Response page = listPage(prefix, keys, continuation);
            List<ObjectIdentifier> objects = page.contents().stream()
                    .map(object -> ObjectIdentifier.builder().key(object.key()).build())
                    .toList();
            for (int from = 0; from < objects.size(); from += MAX_KEYS_PER_REQUEST) {
                deleted += deleteBatch(prefix, keys,
                        objects.subList(from, Math.min(objects.size(), from + MAX_KEYS_PER_REQUEST)));
            }
            continuation = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (continuation != null);
        return deleted;
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        String keys = key(CheckpointReferences.validatePrefix(prefix));
        List<String> references = new ArrayList<>();
        String continuation = null;
        do {
            ListObjectsV2Response page = listPage(prefix, keys, continuation);
            for (S3Object object : page.contents()) {
                references.add(object.key().substring(keyPrefix.length()));
            }
            continuation = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (continuation != null);
        return references.stream().sorted().toList();
    }

    @Override
    public String location() {
        return "s3://" + bucket + "/" + keyPrefix + " at " + server;
    }

    @Override
    public void close() {
        client.close();
    }

    private String key(String reference) {
        return keyPrefix + reference;
    }

    private void upload(String reference, String key, Path file) throws IOException {
        try {
            client.putObject(request -> request.bucket(bucket).key(key).contentType("application/octet-stream"),
                    RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failure("cannot write checkpoint", reference, key, e);
        }
    }

    private ListObjectsV2Response listPage(String prefix, String keys, String continuation) throws IOException {
        try {
            return client.listObjectsV2(request -> request.bucket(bucket).prefix(keys).maxKeys(pageSize)
                    .continuationToken(continuation));
        } catch (SdkException e) {
            throw failure("cannot list checkpoints under", prefix, keys, e);
        }
    }

    private int deleteBatch(String prefix, String keys, List<ObjectIdentifier> objects) throws IOException {
        DeleteObjectsResponse response;
        try {
            response = client.deleteObjects(request -> request.bucket(bucket)
                    .delete(delete -> delete.objects(objects).quiet(false)));
        } catch (SdkException e) {
            throw failure("cannot delete checkpoints under", prefix, keys, e);
        }
        if (!response.errors().isEmpty()) {
            S3Error first = response.errors().get(0);
            throw new IOException("cannot delete checkpoints under '" + prefix + "' in bucket '" + bucket + "' at "
                    + server + ": " + response.errors().size() + " of " + objects.size()
                    + " keys were not deleted, the first, '" + first.key() + "', for " + first.code() + ": "
                    + first.message());
        }
        return response.deleted().size();
    }

    private static boolean isNotFound(SdkException e) {
        return e instanceof NoSuchKeyException
                || e instanceof S3Exception s3 && s3.statusCode() == HTTP_NOT_FOUND && !isNoSuchBucket(s3);
    }

    private static boolean isNoSuchBucket(S3Exception e) {
        AwsErrorDetails details = e.awsErrorDetails();
        return details != null && "NoSuchBucket".equals(details.errorCode());
    }

    /** An error naming what was done, the bucket, the key and why it failed. */
    private IOException failure(String action, String reference, String key, SdkException e) {
        return new IOException(action + " '" + reference + "' in bucket '" + bucket + "', key '" + key + "', at "
                + server + ": " + reason(e), e);
    }

    private String reason(SdkException e) {
        if (!(e instanceof S3Exception s3)) {
            return e.getMessage();
        }
        AwsErrorDetails details = s3.awsErrorDetails();
        String code = details == null || details.errorCode() == null ? "" : " " + details.errorCode();
        String message = details == null || details.errorMessage() == null ? s3.getMessage() : details.errorMessage();
        String reason = "HTTP " + s3.statusCode() + code + ": " + message;
        if (s3.statusCode() == 401 || s3.statusCode() == 403) {
            return reason + " (check the access key and secret key, and that they may use bucket '" + bucket + "')";
        }
        if (isNoSuchBucket(s3)) {
            return reason + " (the bucket must exist; create it first)";
        }
        return reason;
    }
}
