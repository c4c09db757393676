package org.suptools.agent.ota;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.suptools.agent.store.AgentJson;
import org.suptools.agent.store.Durable;

/**
 * The HTTP backend's files under {@code <stateDir>/ota/}: {@code job.json} (the upgrade under way),
 * {@code last.json} (the last one, once notified), {@code download/} (its package), each written atomically.
 */
public final class OtaStore {

    private final Path dir;

    public OtaStore(Path stateDir) {
        this.dir = stateDir.resolve("ota");
    }

    public Optional<OtaJob> job() throws IOException {
        return read(dir.resolve("job.json"));
    }

    public Optional<OtaJob> last() throws IOException {
        return read(dir.resolve("last.json"));
    }

    public OtaJob save(OtaJob job) throws IOException {
        Durable.write(dir.resolve("job.json"), AgentJson.bytes(job));
        return job;
    }

    /** The job is over: it becomes the last one (written first, so a kill in between loses nothing), its files go. */
    public void finish(OtaJob job) throws IOException {
        Durable.write(dir.resolve("last.json"), AgentJson.bytes(job));
        Durable.delete(dir.resolve("job.json"));
        Durable.deleteTree(downloads());
    }

    public Path downloads() {
        return dir.resolve("download");
    }

    private static Optional<OtaJob> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(AgentJson.mapper().readValue(Files.readAllBytes(file), OtaJob.class));
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
