package org.suptools.portal.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What things publish: log lines (appended, one JSON object a line, under {@code telemetry/<key>/log.jsonl}),
 * and the latest value of each attribute and alarm ({@code attributes.json}, {@code alarms.json}). The
 * agent's {@code sup.update.state} is kept besides by the mailbox message it names ({@code update-states.json}):
 * the attribute holds only the gateway's latest report, which may be another job's or none's (an update check
 * that found nothing), and a campaign member's record shows the last state of its own message.
 */
public final class Telemetry {

    private static final TypeReference<TreeMap<String, Attribute>> ATTRIBUTES = new TypeReference<>() { };
    private static final TypeReference<TreeMap<String, Alarm>> ALARMS = new TypeReference<>() { };
    /** Update states kept per thing, by mailbox message; the oldest heard of go beyond this. */
    static final int KEPT_UPDATE_STATES = 200;

    private final DataDir data;

    public Telemetry(DataDir data) {
        this.data = data;
    }

    /** Appends a log line; the line is written whole and forced to disk before the thing gets its reply. */
    public void log(String thingKey, LogLine line) {
        data.locked(() -> {
            try {
                Path file = dir(thingKey).resolve("log.jsonl");
                Files.createDirectories(file.getParent());
                byte[] bytes = (data.json().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(line)
                        .replace("\n", "") + "\n").getBytes(StandardCharsets.UTF_8);
                try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    out.write(java.nio.ByteBuffer.wrap(bytes));
                    out.force(false);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store a log line of " + thingKey + ": " + e.getMessage(), e);
            }
        });
    }

    /** The thing's log lines that pass {@code filter}, oldest first; a line cut short by a crash is skipped. */
    public List<LogLine> logs(String thingKey, Predicate<LogLine> filter) {
        List<LogLine> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(dir(thingKey).resolve("log.jsonl"), StandardCharsets.UTF_8)) {
            for (String text; (text = in.readLine()) != null;) {
                LogLine line;
                try {
                    line = data.json().readValue(text, LogLine.class);
                } catch (IOException torn) {
                    continue;
                }
                if (filter.test(line)) {
                    lines.add(line);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    public void attribute(String thingKey, String key, Attribute value) {
        data.locked(() -> {
            TreeMap<String, Attribute> all = new TreeMap<>(attributes(thingKey));
            all.put(key, value);
            data.write(dir(thingKey).resolve("attributes.json"), all);
            if (key.equals(AgentState.ATTRIBUTE)) {
                AgentState.mailboxIdOf(value, data.json()).ifPresent(mailboxId -> keepUpdateState(thingKey, mailboxId,
                        value));
            }
        });
    }

    /** The last {@code sup.update.state} the thing published for each mailbox message, by its id. */
    public Map<String, Attribute> updateStates(String thingKey) {
        return readMap(dir(thingKey).resolve("update-states.json"), ATTRIBUTES);
    }

    private void keepUpdateState(String thingKey, String mailboxId, Attribute value) {
        TreeMap<String, Attribute> states = new TreeMap<>(updateStates(thingKey));
        Attribute kept = states.get(mailboxId);
        if (kept != null && stamp(kept).isAfter(stamp(value))) {
            // A report the outbox sent late (after a reconnect) does not undo a newer one.
            return;
        }
        states.put(mailboxId, value);
        while (states.size() > KEPT_UPDATE_STATES) {
            states.entrySet().stream().min(java.util.Map.Entry.comparingByValue(
                    java.util.Comparator.comparing(Attribute::receivedOn))).ifPresent(oldest -> states.remove(oldest.getKey()));
        }
        data.write(dir(thingKey).resolve("update-states.json"), states);
    }

    private static java.time.Instant stamp(Attribute attribute) {
        return attribute.ts().orElse(attribute.receivedOn());
    }

    public Map<String, Attribute> attributes(String thingKey) {
        return readMap(dir(thingKey).resolve("attributes.json"), ATTRIBUTES);
    }

    public void alarm(String thingKey, String key, Alarm value) {
        data.locked(() -> {
            TreeMap<String, Alarm> all = new TreeMap<>(alarms(thingKey));
            all.put(key, value);
            data.write(dir(thingKey).resolve("alarms.json"), all);
        });
    }

    public Map<String, Alarm> alarms(String thingKey) {
        return readMap(dir(thingKey).resolve("alarms.json"), ALARMS);
    }

    private <V> Map<String, V> readMap(Path file, TypeReference<TreeMap<String, V>> type) {
        try {
            return data.json().readValue(Files.readAllBytes(file), type);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new StoreException(data.root().relativize(file) + ": cannot be read: " + e.getMessage());
        }
    }

    private Path dir(String thingKey) {
        return data.resolve("telemetry").resolve(Names.thingKey("thingKey", thingKey));
    }
}
