package dev.hpo.runner.training;

import java.nio.file.Path;

/**
 * The system properties DJL's PyTorch engine reads once, when it is first touched.
 * <p>
 * Without {@code ai.djl.offline} and {@code OPT_OUT_TRACKING} the engine's static initialiser calls out to the
 * network; {@code PYTORCH_VERSION} is never set because it forces a download of other natives. DJL reads the
 * environment before system properties, so a deployment may set {@code DJL_OFFLINE}, {@code OPT_OUT_TRACKING} and
 * {@code DJL_CACHE_DIR} there instead.
 */
public final class DjlEnvironment {

    private DjlEnvironment() {
    }

    /**
     * Sets the properties; call before anything touches {@code ai.djl.engine.Engine}, later calls have no effect
     * on an engine already loaded.
     *
     * @param cacheDir where the native libraries unpack
     * @param threads  PyTorch intra-op and inter-op threads
     */
    public static void configure(Path cacheDir, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads per trial must be >= 1, was " + threads);
        }
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("DJL_CACHE_DIR", cacheDir.toString());
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(threads));
    }
}
