package org.suptools.agent.manage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.suptools.agent.store.AgentJson;

/**
 * The manual runs the management endpoint recorded on disk ({@code run.json} and, once ended,
 * {@code end.json} in each run's folder), newest first, for {@code sup-agent status}: it reads the
 * files only, so it works while the daemon runs and never takes the endpoint's lock.
 */
public final class RunHistory {

    /** How many runs {@code sup-agent status} shows. */
    public static final int SHOWN = 5;

    /**
     * One run as recorded.
     *
     * @param end how it ended; empty while it runs, or when the agent stopped during it
     */
    public record Entry(RunInfo run, Optional<RunEnd> end) {

        /** {@code succeeded}, {@code failed}, or {@code no end} (running, or cut by a stop of the agent). */
        public String result() {
            return end.map(e -> e.exitCode() == 0 ? "succeeded" : "failed").orElse("no end");
        }

        /** One line: the result with the exit code and, on failure, the last line of the installer's error output. */
        public String describe() {
            if (end.isEmpty()) {
                return "no end recorded (running, or cut by a stop of the agent)";
            }
            RunEnd ended = end.get();
            List<String> errors = ended.stderr().strip().lines().toList();
            return result() + " (exit " + ended.exitCode() + ")" + (ended.exitCode() == 0 || errors.isEmpty() ? ""
                    : ": " + errors.get(errors.size() - 1)) + " at " + ended.endedAt();
        }
    }

    private RunHistory() {
    }

    /**
     * The newest {@code limit} runs in {@code runsDir}; a run whose record cannot be read is left out and
     * named in {@code unreadable}. An upload still coming (no {@code run.json} yet) is not a run.
     */
    public static List<Entry> recent(Path runsDir, int limit, List<String> unreadable) throws IOException {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        List<Path> dirs;
        try (Stream<Path> listed = Files.list(runsDir)) {
            dirs = listed.filter(dir -> Files.isRegularFile(dir.resolve(ManualRun.INFO))).toList();
        }
        List<Entry> entries = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                RunInfo info = AgentJson.mapper().readValue(dir.resolve(ManualRun.INFO).toFile(), RunInfo.class);
                Optional<RunEnd> end = Files.isRegularFile(dir.resolve(ManualRun.END))
                        ? Optional.of(AgentJson.mapper().readValue(dir.resolve(ManualRun.END).toFile(), RunEnd.class))
                        : Optional.empty();
                entries.add(new Entry(info, end));
            } catch (IOException | RuntimeException e) {
                unreadable.add(dir + ": the run's record cannot be read: " + e.getMessage());
            }
        }
        return entries.stream().sorted(Comparator.comparing((Entry entry) -> entry.run().startedAt()).reversed())
                .limit(limit).toList();
    }
}
