package dev.hpo.checkpoint;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3-compatible server in this JVM: S3Proxy over jclouds' in-memory {@code transient} blob store, on a free port
 * of the loopback interface, checking AWS signatures (V2 or V4) against one access key and secret key. It ignores
 * request headers it does not know, as S3Proxy deployments that serve AWS SDKs since 2.30 must
 * ({@code s3proxy.ignore-unknown-headers=true}).
 */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY = "hpo-test-access";
    static final String SECRET_KEY = "hpo-test-secret-0123456789";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private S3ProxyServer(BlobStoreContext context, S3Proxy proxy) {
        this.context = context;
        this.proxy = proxy;
    }

    /** Starts the server with the given buckets. */
    static S3ProxyServer start(String... buckets) throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient")
                .credentials("identity", "credential")
                .build(BlobStoreContext.class);
        for (String bucket : buckets) {
            context.getBlobStore().createContainerInLocation(null, bucket);
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // the SDK sends x-amz-checksum-crc32 with DeleteObjects, which S3Proxy otherwise refuses (501)
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                proxy.stop();
                context.close();
                throw new IllegalStateException("S3Proxy did not start within 30 s, state " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new S3ProxyServer(context, proxy);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** The blob store behind the server, to look at or seed objects without going through S3. */
    BlobStore blobStore() {
        return context.getBlobStore();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
