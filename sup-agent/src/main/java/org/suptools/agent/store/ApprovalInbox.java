package org.suptools.agent.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.suptools.agent.job.ScheduleRequest;
import org.suptools.tr50.Params;

/**
 * Approvals handed to the agent by {@code sup-agent schedule}, one durable file each in
 * {@code approvals/}: the command writes one whether or not the daemon runs (the daemon holds the
 * state lock for its whole life, so the command cannot take it), and the agent applies them at the
 * start of each cycle, oldest first, deleting each once the job records say it. A kill in between
 * applies it again, which changes nothing: an approval is idempotent.
 */
public final class ApprovalInbox {

    private static final Pattern NAME = Pattern.compile("[0-9]{13}-[0-9a-f-]{36}\\.json");

    private static final String REJECTED = "rejected";

    private final Path dir;

    public ApprovalInbox(Path dir) {
        this.dir = dir;
    }

    /** One approval waiting, and where it is kept. */
    public record Entry(Path file, ScheduleRequest request) {
    }

    public Path dir() {
        return dir;
    }

    /** Puts an approval in, durably; its name sorts it after those put in earlier. */
    public Path submit(ScheduleRequest request, long nowMillis) throws IOException {
        Path file = dir.resolve(String.format("%013d-%s.json", nowMillis, UUID.randomUUID()));
        Durable.write(file, AgentJson.bytes(request.toParams().toJson()));
        return file;
    }

    /**
     * The approvals waiting, oldest first. One that cannot be read is moved to
     * {@code approvals/rejected/} and said in {@code unreadable}; the others go on.
     */
    public List<Entry> pending(List<String> unreadable) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).sorted().toList();
        }
        List<Entry> entries = new ArrayList<>();
        for (Path file : files) {
            try {
                ObjectNode node = (ObjectNode) AgentJson.mapper().readTree(Files.readAllBytes(file));
                entries.add(new Entry(file, ScheduleRequest.read(Params.of(node))));
            } catch (IOException | RuntimeException e) {
                // Set aside for people, so it is not read again at every cycle.
                Path aside = dir.resolve(REJECTED).resolve(file.getFileName());
                Files.createDirectories(aside.getParent());
                Durable.move(file, aside);
                unreadable.add(file + ": cannot be read as an approval (" + e.getMessage() + "); moved to " + aside);
            }
        }
        return entries;
    }

    public void remove(Entry entry) throws IOException {
        Durable.delete(entry.file());
    }
}
