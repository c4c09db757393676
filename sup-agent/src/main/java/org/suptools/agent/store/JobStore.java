package org.suptools.agent.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.suptools.agent.job.SafeName;
import org.suptools.agent.job.Stage;
import org.suptools.agent.job.UpdateJob;

/** The records of the mailbox messages, one durable file each in {@code jobs/}. */
public final class JobStore {

    private static final String SUFFIX = ".json";

    private final Path dir;
    private final java.util.Set<String> unreadable = new java.util.concurrent.ConcurrentSkipListSet<>();

    public JobStore(Path dir) {
        this.dir = dir;
    }

    public Optional<UpdateJob> find(String mailboxId) throws IOException {
        return read(file(SafeName.of(mailboxId)));
    }

    /** Writes the record durably: once this returns, a restarted agent sees it. */
    public void save(UpdateJob job) throws IOException {
        Durable.write(file(job.key()), AgentJson.bytes(job));
    }

    /**
     * Every record that can be read, oldest message first. One that cannot (a disk fault) is left
     * out here, so the others go on; {@link #find} still refuses its message, so it is never started again.
     */
    public List<UpdateJob> all() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<UpdateJob> jobs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)
                    && !f.getFileName().toString().startsWith(".")).toList()) {
                try {
                    read(file).ifPresent(jobs::add);
                } catch (IOException e) {
                    unreadable.add(e.getMessage().lines().findFirst().orElse(file.toString()));
                }
            }
        }
        jobs.sort(Comparator.comparing(UpdateJob::receivedAt).thenComparing(UpdateJob::mailboxId));
        return jobs;
    }

    /** Why records were left out of {@link #all}, since this store was made. */
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    /** The records whose work is not done, oldest first. */
    public List<UpdateJob> unfinished() throws IOException {
        return all().stream().filter(job -> job.stage() != Stage.DONE).toList();
    }

    private Optional<UpdateJob> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(AgentJson.mapper().readValue(Files.readAllBytes(file), UpdateJob.class));
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read as a job record (" + e.getMessage() + ")", e);
        }
    }

    private Path file(String key) {
        return dir.resolve(key + SUFFIX);
    }
}
