package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What the installer reported about its last install on a runtime home: {@code
 * logs/confirmation.json}, the lines of {@code logs/audit.log} and the TR50 envelope {@code
 * logs/tr50-reply.json}; with the checks that every install, succeeded or rolled back, must pass.
 */
record InstallReport(JsonNode confirmation, List<String> audit, JsonNode tr50) {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The error code of an install that failed at an action and was rolled back. */
    static final int ACTION_FAILED = -90110;

    static InstallReport of(Path home) throws IOException {
        Path logs = home.resolve("logs");
        return new InstallReport(JSON.readTree(logs.resolve("confirmation.json").toFile()),
                Files.readAllLines(logs.resolve("audit.log")), JSON.readTree(logs.resolve("tr50-reply.json").toFile()));
    }

    String name() {
        return confirmation.path("package").path("name").asText();
    }

    String version() {
        return confirmation.path("package").path("version").asText();
    }

    /** What starts every audit line and TR50 log message of this package: {@code "SUP name version: "}. */
    String prefix() {
        return "SUP " + name() + " " + version() + ": ";
    }

    JsonNode action(int index) {
        return confirmation.path("actions").get(index - 1);
    }

    /** How the audit log and the TR50 log messages name an action: {@code "SUP name version: action 2/3 type"}. */
    String actionLine(int index, int total) {
        return prefix() + "action " + index + "/" + total + " " + action(index).path("type").asText();
    }

    List<String> actionStatuses() {
        List<String> statuses = new ArrayList<>();
        confirmation.path("actions").forEach(a -> statuses.add(a.path("status").asText()));
        return statuses;
    }

    /** The index of the first audit line containing {@code text}. */
    int auditIndexOf(String text) {
        for (int i = 0; i < audit.size(); i++) {
            if (audit.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no audit line with '" + text + "' in " + audit);
    }

    /** The {@code log.publish} params of the TR50 envelope, in key order. */
    List<JsonNode> logPublishes() {
        return messages().stream().filter(m -> m.path("command").asText().equals("log.publish"))
                .map(m -> m.path("params")).toList();
    }

    /** The params of the {@code mailbox.ack}, which must be the last TR50 message. */
    JsonNode ack() {
        List<JsonNode> messages = messages();
        JsonNode last = messages.get(messages.size() - 1);
        assertThat(last.path("command").asText()).as("the last TR50 message").isEqualTo("mailbox.ack");
        return last.path("params");
    }

    List<JsonNode> messages() {
        TreeMap<Integer, JsonNode> byKey = new TreeMap<>();
        tr50.fields().forEachRemaining(e -> byKey.put(Integer.parseInt(e.getKey()), e.getValue()));
        return new ArrayList<>(byKey.values());
    }

    /** One TR50 log message per audit line of this package's install, of the sandbox gateway, for the mailbox. */
    private List<JsonNode> assertLogsMirrorAudit(String mailbox, String thingKey) {
        List<JsonNode> logs = logPublishes();
        long auditLines = audit.stream().filter(l -> l.contains(prefix())).count();
        assertThat(logs).as("log.publish messages, one per audit line").hasSize((int) auditLines);
        assertThat(logs).allSatisfy(m -> {
            assertThat(m.path("corrId").asText()).isEqualTo(mailbox);
            assertThat(m.path("thingKey").asText()).isEqualTo(thingKey);
        });
        return logs;
    }

    /** Succeeded, every action succeeded or skipped, reported alike in all three places. */
    void assertSucceeded(String mailbox) {
        assertSucceededFor(mailbox, "sandbox-gateway");
    }

    /**
     * Whether an audit line is the start of an install for this mailbox message: {@code install started
     * (mailbox M)}, or {@code (campaign C, mailbox M)} when the message named its campaign.
     */
    static boolean startedFor(String line, String mailbox) {
        return line.contains("install started (") && (line.contains("(mailbox " + mailbox + ")")
                || line.contains(", mailbox " + mailbox + ")"));
    }

    /** {@link #assertSucceeded}, of a gateway with this thing key. */
    void assertSucceededFor(String mailbox, String thingKey) {
        assertThat(confirmation.path("status").asText()).as(confirmation.toPrettyString()).isEqualTo("succeeded");
        assertThat(confirmation.path("errorCode").asInt()).isZero();
        assertThat(confirmation.path("request").path("mailboxId").asText()).isEqualTo(mailbox);
        assertThat(confirmation.path("completedAt").isNull()).isFalse();
        assertThat(actionStatuses()).allSatisfy(s -> assertThat(s).isIn("succeeded", "skipped"));
        assertThat(audit).anyMatch(l -> l.contains(" INFO " + prefix()) && startedFor(l, mailbox));
        assertThat(audit.get(audit.size() - 1)).contains(" INFO " + prefix() + "installed successfully");
        assertThat(audit).noneMatch(l -> l.contains(" ERROR "));
        List<JsonNode> logs = assertLogsMirrorAudit(mailbox, thingKey);
        assertThat(logs.get(logs.size() - 1).path("msg").asText()).isEqualTo(prefix() + "installed successfully");
        JsonNode ack = ack();
        assertThat(ack.path("id").asText()).isEqualTo(mailbox);
        assertThat(ack.path("errorCode").asInt()).isZero();
        assertThat(ack.path("errorMessage").asText()).isEmpty();
        assertThat(ack.path("params").path("status").asText()).isEqualTo("success");
        assertThat(ack.path("params").path("name").asText()).isEqualTo(name());
        assertThat(ack.path("params").path("version").asText()).isEqualTo(version());
    }

    /**
     * Failed at one action and rolled back: the actions have exactly {@code statuses}; the audit log
     * has the failure, then every rolled-back action newest first, then the final error; the TR50
     * reply carries the same lines and a {@code mailbox.ack} with the failure's error code.
     */
    void assertFailedAndRolledBack(String mailbox, String... statuses) {
        assertFailedAndRolledBackFor(mailbox, "sandbox-gateway", statuses);
    }

    /** {@link #assertFailedAndRolledBack}, of a gateway with this thing key. */
    void assertFailedAndRolledBackFor(String mailbox, String thingKey, String... statuses) {
        assertThat(confirmation.path("status").asText()).as(confirmation.toPrettyString()).isEqualTo("rolled-back");
        assertThat(confirmation.path("errorCode").asInt()).isEqualTo(ACTION_FAILED);
        assertThat(confirmation.path("error").asText()).isEqualTo("action-failed");
        assertThat(actionStatuses()).containsExactly(statuses);
        int total = statuses.length;
        int failedIndex = actionStatuses().indexOf("failed") + 1;
        String failed = actionLine(failedIndex, total) + " failed";
        int previous = auditIndexOf(failed);
        assertThat(audit.get(previous)).contains(" ERROR ");
        for (int index = failedIndex - 1; index >= 1; index--) {
            assertThat(statuses[index - 1]).isEqualTo("rolled-back");
            int line = auditIndexOf(actionLine(index, total) + " rolled back");
            assertThat(line).as("action %d rolled back after the one after it", index).isGreaterThan(previous);
            assertThat(audit.get(line)).contains(" WARNING ");
            previous = line;
        }
        assertThat(audit.get(audit.size() - 1)).contains(" ERROR " + prefix() + "failed and rolled back");
        List<JsonNode> logs = assertLogsMirrorAudit(mailbox, thingKey);
        assertThat(logs).anyMatch(m -> m.path("level").asInt() == 0 && m.path("msg").asText().startsWith(failed));
        assertThat(logs).anyMatch(m -> m.path("level").asInt() == 1 && m.path("msg").asText().endsWith(" rolled back"));
        JsonNode ack = ack();
        assertThat(ack.path("id").asText()).isEqualTo(mailbox);
        assertThat(ack.path("errorCode").asInt()).isEqualTo(ACTION_FAILED);
        assertThat(ack.path("errorMessage").asText()).isNotEmpty();
        assertThat(ack.path("params").path("status").asText()).isEqualTo("failure");
        assertThat(ack.path("params").path("name").asText()).isEqualTo(name());
    }
}
