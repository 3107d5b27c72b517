package dev.hpo.runner.training;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Saves an epoch's checkpoint and sends its report on a thread of its own while the next epoch trains, so the
 * epoch does not wait for the disk or for Kafka's acknowledgement. One report is in flight at a time, and each
 * runs only after the one before it ended, so reports keep their order, a checkpoint is still written before the
 * report that names it, and at most one epoch's copy of the parameters waits in memory.
 * <p>
 * A report that failed surfaces, as the exception it threw, at the next {@link #submit} or at {@link #await}: one
 * epoch late, and handled as if the epoch itself had thrown it.
 */
final class EpochReports implements AutoCloseable {

    private final ExecutorService thread;
    private Future<?> last = CompletableFuture.completedFuture(null);

    EpochReports(String name) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Waits for the previous report, then starts this one. */
    void submit(Runnable report) {
        await();
        last = thread.submit(report);
    }

    /** Returns once every report submitted so far has been sent, or throws what the first failed one threw. */
    void await() {
        Future<?> pending = last;
        last = CompletableFuture.completedFuture(null);
        try {
            pending.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("an epoch report failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishingException("interrupted while an epoch's report was sent", e);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}
