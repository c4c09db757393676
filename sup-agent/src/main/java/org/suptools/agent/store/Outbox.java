package org.suptools.agent.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.suptools.agent.link.Tr50Link;
import org.suptools.tr50.RequestId;
import org.suptools.tr50.Tr50Codec;
import org.suptools.tr50.Tr50Command;
import org.suptools.tr50.Tr50Exception;
import org.suptools.tr50.Tr50Request;
import org.suptools.tr50.Tr50Response;
import org.suptools.tr50.Tr50Result;

/**
 * The TR50 commands the portal has not yet taken, one durable file per request in
 * {@code outbox/}, sent in the order they were put in. A request leaves only when the portal's
 * reply says {@code success} for each of its commands; the commands it refused are kept and tried
 * again, and after {@link #MAX_REFUSALS} refusals they move to {@code outbox/rejected/} with the
 * portal's last answer, for people to see, instead of blocking what follows. A link that fails
 * stops the flush: nothing is lost, the next flush starts where this one stopped.
 */
public final class Outbox {

    /** How many times the portal may refuse a command before it is set aside. */
    public static final int MAX_REFUSALS = 5;
    static final String REJECTED = "rejected";
    private static final String SUFFIX = ".json";
    private static final Pattern NAME = Pattern.compile("[0-9]{16}-[A-Za-z0-9_-]+\\.json");

    private final Path dir;

    public Outbox(Path dir) {
        this.dir = dir;
    }

    /**
     * One request waiting in the outbox.
     *
     * @param file where it is kept
     * @param jobKey the job it reports on, in its file name
     * @param request what is left to send
     * @param refusals how many times the portal refused part of it
     * @param deleteWhenSent a file that is only kept until this request is sent (the installer's copy of its reply)
     */
    public record Entry(Path file, String jobKey, Tr50Request request, int refusals, Optional<Path> deleteWhenSent) {
    }

    /** What one flush did. */
    public record Flush(int sent, int rejected, boolean linkFailed, int left) {
    }

    /** Puts a request in, durably, after every request already in. */
    public void add(String jobKey, Tr50Request request, Optional<Path> deleteWhenSent) throws IOException {
        Files.createDirectories(dir);
        long next = entries(dir).stream().mapToLong(Outbox::sequence).max().orElse(0) + 1;
        Path file = dir.resolve(String.format("%016d-%s%s", next, jobKey, SUFFIX));
        write(file, request, 0, deleteWhenSent, Optional.empty());
    }

    /** True while a request about this job waits to be sent. */
    public boolean holds(String jobKey) throws IOException {
        return entries(dir).stream().anyMatch(file -> jobKey(file).equals(jobKey));
    }

    public List<Entry> pending() throws IOException {
        List<Entry> pending = new ArrayList<>();
        for (Path file : entries(dir)) {
            pending.add(read(file));
        }
        return pending;
    }

    /** The requests set aside after repeated refusals. */
    public int rejectedCount() throws IOException {
        return entries(dir.resolve(REJECTED)).size();
    }

    /** Sends what is waiting, oldest first, until it is all sent or the link fails. */
    public Flush flush(Tr50Link link) throws IOException, InterruptedException {
        int sent = 0;
        int rejected = 0;
        List<Path> files = entries(dir);
        for (int i = 0; i < files.size(); i++) {
            Entry entry = read(files.get(i));
            Tr50Response response;
            try {
                response = link.call(entry.request());
            } catch (IOException e) {
                return new Flush(sent, rejected, true, files.size() - i);
            }
            SortedMap<RequestId, Tr50Command> refused = new TreeMap<>();
            Map<RequestId, Tr50Result> refusals = new TreeMap<>();
            entry.request().commands().forEach((id, command) -> {
                Optional<Tr50Result> result = response.result(id);
                if (result.isEmpty() || !result.get().succeeded()) {
                    refused.put(id, command);
                    result.ifPresent(r -> refusals.put(id, r));
                }
            });
            if (refused.isEmpty()) {
                Durable.delete(entry.file());
                if (entry.deleteWhenSent().isPresent()) {
                    Durable.delete(entry.deleteWhenSent().get());
                }
                sent++;
            } else if (entry.refusals() + 1 >= MAX_REFUSALS) {
                Path aside = dir.resolve(REJECTED).resolve(entry.file().getFileName());
                write(aside, new Tr50Request(refused), entry.refusals() + 1, entry.deleteWhenSent(),
                        Optional.of(describe(refusals)));
                Durable.delete(entry.file());
                rejected++;
            } else {
                write(entry.file(), new Tr50Request(refused), entry.refusals() + 1, entry.deleteWhenSent(),
                        Optional.empty());
            }
        }
        return new Flush(sent, rejected, false, entries(dir).size());
    }

    private static String describe(Map<RequestId, Tr50Result> refusals) {
        if (refusals.isEmpty()) {
            return "the reply had no result for these commands";
        }
        StringBuilder text = new StringBuilder();
        refusals.forEach((id, result) -> text.append(text.length() == 0 ? "" : "; ").append(id).append(": ")
                .append(((Tr50Result.Failure) result).describe()));
        return text.toString();
    }

    private static void write(Path file, Tr50Request request, int refusals, Optional<Path> deleteWhenSent,
            Optional<String> lastAnswer) throws IOException {
        ObjectNode node = AgentJson.mapper().createObjectNode();
        node.put("refusals", refusals);
        node.put("deleteWhenSent", deleteWhenSent.map(Path::toString).orElse(null));
        lastAnswer.ifPresent(answer -> node.put("lastAnswer", answer));
        node.set("request", Tr50Codec.toJson(request));
        Durable.write(file, AgentJson.bytes(node));
    }

    private static Entry read(Path file) throws IOException {
        try {
            JsonNode node = AgentJson.mapper().readTree(Files.readAllBytes(file));
            Tr50Request request = Tr50Codec.readRequest(AgentJson.mapper().writeValueAsBytes(node.get("request")));
            JsonNode delete = node.get("deleteWhenSent");
            return new Entry(file, jobKey(file), request, node.path("refusals").asInt(0),
                    delete == null || delete.isNull() ? Optional.empty() : Optional.of(Path.of(delete.asText())));
        } catch (Tr50Exception | RuntimeException e) {
            throw new IOException(file + ": cannot be read as an outbox entry (" + e.getMessage() + ")", e);
        }
    }

    private static List<Path> entries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Files.isRegularFile(f) && NAME.matcher(f.getFileName().toString()).matches())
                    .sorted().toList();
        }
    }

    private static long sequence(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.indexOf('-')));
    }

    private static String jobKey(Path file) {
        String name = file.getFileName().toString();
        return name.substring(name.indexOf('-') + 1, name.length() - SUFFIX.length());
    }
}
