package dev.hpo.runner.training;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import dev.hpo.checkpoint.CheckpointStore;

/** A store that does what another does; tests override the calls they want to fail or time. */
class ForwardingCheckpointStore implements CheckpointStore {

    private final CheckpointStore store;

    ForwardingCheckpointStore(CheckpointStore store) {
        this.store = store;
    }

    @Override
    public void write(String reference, Content content) throws IOException {
        store.write(reference, content);
    }

    @Override
    public InputStream open(String reference) throws IOException {
        return store.open(reference);
    }

    @Override
    public boolean exists(String reference) throws IOException {
        return store.exists(reference);
    }

    @Override
    public void delete(String reference) throws IOException {
        store.delete(reference);
    }

    @Override
    public int deleteAll(String prefix) throws IOException {
        return store.deleteAll(prefix);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return store.list(prefix);
    }

    @Override
    public String location() {
        return store.location();
    }
}
