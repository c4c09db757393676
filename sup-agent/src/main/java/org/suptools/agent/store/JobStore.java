package org.suptools.agent.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.suptools.agent.job.SafeName;
import org.suptools.agent.job.UpdateJob;

/**
 * The records of the mailbox messages, one durable file each in {@code jobs/}. Finished records
 * are kept whole for the newest {@link #KEEP_FINISHED} (what {@code status} and people look at);
 * older ones are pruned to their name in {@code jobs/pruned-ids.txt}, which is enough to keep the
 * promise that a message is never run twice, and which keeps the newest {@link #KEEP_PRUNED_IDS}.
 */
public final class JobStore {

    /** Finished records kept whole. */
    public static final int KEEP_FINISHED = 50;
    /** Names of pruned records kept, so their messages are still refused: years of updates. */
    public static final int KEEP_PRUNED_IDS = 10_000;

    private static final String SUFFIX = ".json";

    private final Path dir;
    private final PrunedIds pruned;
    private final java.util.Set<String> unreadable = new java.util.concurrent.ConcurrentSkipListSet<>();

    public JobStore(Path dir) {
        this.dir = dir;
        this.pruned = new PrunedIds(dir.resolve("pruned-ids.txt"), KEEP_PRUNED_IDS);
    }

    public Optional<UpdateJob> find(String mailboxId) throws IOException {
        return read(file(SafeName.of(mailboxId)));
    }

    /**
     * Whether the message was ever read: it has a record, or had one that was pruned. A known
     * message is never started again.
     *
     * @throws IOException when its record cannot be read (it is not started either)
     */
    public boolean known(String mailboxId) throws IOException {
        return find(mailboxId).isPresent() || pruned.contains(SafeName.of(mailboxId));
    }

    /**
     * Drops the finished records beyond the newest {@code keep}, keeping their names (durably, before
     * any record goes); returns the records dropped.
     */
    public List<UpdateJob> prune(int keep) throws IOException {
        List<UpdateJob> finished = all().stream().filter(UpdateJob::finished)
                .sorted(Comparator.comparing(UpdateJob::updatedAt).thenComparing(UpdateJob::mailboxId).reversed())
                .toList();
        if (finished.size() <= keep) {
            return List.of();
        }
        List<UpdateJob> dropped = finished.subList(keep, finished.size());
        java.util.Map<String, java.time.Instant> names = new java.util.HashMap<>();
        dropped.forEach(job -> names.put(job.key(), job.updatedAt()));
        pruned.addAll(names);
        for (UpdateJob job : dropped) {
            Durable.delete(file(job.key()));
        }
        return dropped;
    }

    /** How many pruned records are remembered by name. */
    public int prunedCount() throws IOException {
        return pruned.size();
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

    /**
     * The unfinished jobs of a campaign, oldest first: those whose message named it as its
     * {@code campaignId}, or, for a message that named none (the portal need not send one), the
     * job whose mailbox id it is.
     */
    public List<UpdateJob> unfinishedOf(String campaignId) throws IOException {
        return unfinished().stream().filter(job -> job.campaignId().map(campaignId::equals)
                .orElse(job.mailboxId().equals(campaignId))).toList();
    }

    /** The records whose work is not done, oldest first. */
    public List<UpdateJob> unfinished() throws IOException {
        return all().stream().filter(job -> !job.finished()).toList();
    }

    private Optional<UpdateJob> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = AgentJson.mapper().readTree(Files.readAllBytes(file));
            if (!(node instanceof ObjectNode record)) {
                throw new IOException("not a JSON object");
            }
            OldRecords.migrate(record);
            return Optional.of(AgentJson.mapper().treeToValue(record, UpdateJob.class));
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read as a job record (" + e.getMessage() + ")", e);
        }
    }

    private Path file(String key) {
        return dir.resolve(key + SUFFIX);
    }
}
