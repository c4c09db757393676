package org.suptools.agent.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.suptools.agent.config.CheckPolicy;
import org.suptools.agent.store.AgentJson;
import org.suptools.agent.store.Durable;

/**
 * When the agent's next own check is due (seed 001): never sooner than {@code period} after the
 * last one, delayed by a random amount up to {@code jitter} so a fleet does not ask all at once,
 * and only inside the {@code schedule} window. A due time that falls outside the window moves to
 * the window's next opening, jittered again inside it. The due time is kept on disk
 * ({@code checks/timer.json}), so a restart neither checks again at once nor draws a new delay: a
 * fleet that reboots together stays spread.
 */
public final class CheckTimer {

    private final Path file;
    private final CheckPolicy policy;
    private final Duration period;
    private final Duration jitter;
    private final RandomGenerator random;

    public CheckTimer(Path file, CheckPolicy policy, Duration period, Duration jitter, RandomGenerator random) {
        this.file = file;
        this.policy = policy;
        this.period = period;
        this.jitter = jitter;
        this.random = random;
    }

    /**
     * When the next check is due, as seen at {@code now}: the first ever is {@code now} plus the
     * jitter drawn once; a due time outside the window is moved into it (and kept).
     */
    public Instant dueAt(Instant now) throws IOException {
        Optional<Instant> kept = read("nextCheck");
        Instant due = kept.orElseGet(() -> now.plus(draw()));
        Instant placed = intoWindow(due);
        if (kept.isEmpty() || !placed.equals(due)) {
            write(read("lastCheck"), placed);
        }
        return placed;
    }

    /**
     * The agent starts at {@code now}: a due time kept from before that has passed (the agent was off,
     * a power cut say) is drawn again, {@code now} plus the jitter, so a fleet that comes back together
     * does not check at once for having all missed its checks. A due time still ahead is kept.
     */
    public Instant started(Instant now) throws IOException {
        Optional<Instant> kept = read("nextCheck");
        if (kept.isPresent() && kept.get().isBefore(now)) {
            Instant due = intoWindow(now.plus(draw()));
            write(read("lastCheck"), due);
            return due;
        }
        return dueAt(now);
    }

    /** Whether a check is due at {@code now}. */
    public boolean due(Instant now) throws IOException {
        return !now.isBefore(dueAt(now)) && policy.schedule().map(w -> w.contains(now, policy.zone())).orElse(true);
    }

    /** A check was made at {@code now}: the next is due a period (and a new jitter) later, inside the window. */
    public Instant checked(Instant now) throws IOException {
        Instant next = intoWindow(now.plus(period).plus(draw()));
        write(Optional.of(now), next);
        return next;
    }

    /** When the next check is due as kept on disk, without placing or keeping anything (for a status). */
    public Optional<Instant> nextCheck() throws IOException {
        return read("nextCheck");
    }

    /** When the last check was made, if ever. */
    public Optional<Instant> lastCheck() throws IOException {
        return read("lastCheck");
    }

    private Instant intoWindow(Instant due) {
        if (policy.schedule().isEmpty() || policy.schedule().get().contains(due, policy.zone())) {
            return due;
        }
        Instant opens = policy.schedule().get().nextOpening(due, policy.zone()).orElse(due);
        Instant jittered = opens.plus(draw());
        // A short window may close within the jitter: then the check comes as it opens.
        return policy.schedule().get().contains(jittered, policy.zone()) ? jittered : opens;
    }

    private Duration draw() {
        long range = jitter.toMillis();
        return range == 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(range + 1));
    }

    private Optional<Instant> read(String field) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = AgentJson.mapper().readTree(file.toFile());
        } catch (IOException e) {
            // A torn or foreign file: start again as if no check was ever made, which is safe.
            return Optional.empty();
        }
        JsonNode value = node == null ? null : node.get(field);
        try {
            return value != null && value.isTextual() ? Optional.of(Instant.parse(value.asText())) : Optional.empty();
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private void write(Optional<Instant> last, Instant next) throws IOException {
        ObjectNode node = AgentJson.mapper().createObjectNode();
        last.ifPresent(t -> node.put("lastCheck", t.toString()));
        node.put("nextCheck", next.toString());
        Files.createDirectories(file.getParent());
        Durable.write(file, AgentJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
    }
}
