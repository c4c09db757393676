package org.suptools.installer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.installer.api.ActionStatus;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;
import org.suptools.installer.api.json.ContractJson;
import org.suptools.installer.api.report.ActionRecord;
import org.suptools.installer.api.report.Confirmation;
import org.suptools.installer.api.report.ReportFiles;
import org.suptools.installer.journal.Journal;
import org.suptools.installer.journal.JournalState;
import org.suptools.installer.report.AuditLog;
import org.suptools.installer.state.History;
import org.suptools.installer.state.HistoryEntry;
import org.suptools.installer.state.Inventory;

/**
 * Checks that everything a gateway says about its last install agrees, once that install has
 * ended: confirmation.json (each action's status as its journal tells it, and as the tree shows:
 * nothing {@code succeeded} in a tree that is as before), installed.json, exactly one history line
 * for the install, and the TR50 reply (its {@code mailbox.ack} code and status, its log messages).
 */
public final class ReportsAgree {

    private final Path home;
    private final Path stateDir;
    private final String context;
    private final boolean installed;
    private final Optional<InstallError> error;

    /**
     * @param gateway   a {@link TestGateway}-shaped directory: {@code dwcore} and {@code dwcore.sup-state}
     * @param context   what happened, for the messages (such as the kill point)
     * @param installed whether the tree is as after the install (else as before it)
     * @param error     the error a rolled-back install must name; empty to accept any
     */
    public ReportsAgree(Path gateway, String context, boolean installed, Optional<InstallError> error) {
        this.home = gateway.resolve("dwcore");
        this.stateDir = gateway.resolve("dwcore.sup-state");
        this.context = context;
        this.installed = installed;
        this.error = error;
    }

    public Confirmation check() throws IOException {
        Confirmation confirmation = Confirmation.read(home.resolve("logs").resolve(ReportFiles.CONFIRMATION));
        assertThat(stateDir.resolve(Journal.CURRENT)).as("journal closed after %s", context).doesNotExist();
        checkActions(confirmation);
        checkInventory(confirmation);
        checkHistory(confirmation);
        checkReply(confirmation);
        checkAudit(confirmation);
        return confirmation;
    }

    /** The install's final audit line is in audit.log once, however often its reports were written. */
    private void checkAudit(Confirmation confirmation) throws IOException {
        List<String> lines = AuditLog.linesOf(confirmation).stream().map(l -> l.format()).toList();
        String last = lines.get(lines.size() - 1);
        assertThat(Files.readAllLines(home.resolve("logs").resolve(ReportFiles.AUDIT_LOG)).stream()
                .filter(last::equals)).as("the install's last audit line after %s", context).hasSize(1);
    }

    private void checkActions(Confirmation confirmation) throws IOException {
        List<ActionStatus> statuses = confirmation.actions().stream().map(ActionRecord::status).toList();
        Path last = stateDir.resolve(Journal.LAST);
        Optional<JournalState> journal = Files.exists(last) ? Optional.of(JournalState.of(Journal.read(last)))
                .filter(s -> s.install().map(i -> i.installId().equals(confirmation.installId())).orElse(false))
                : Optional.empty();
        List<ActionStatus> expected = new ArrayList<>();
        for (ActionRecord action : confirmation.actions()) {
            expected.add(journal.map(s -> s.statusOf(action.index())).orElse(ActionStatus.NOT_RUN));
            boolean undone = journal.map(s -> s.undo().containsKey(action.index())).orElse(false);
            assertThat(action.rolledBackAt().isPresent()).as("action %d's rolledBackAt after %s", action.index(),
                    context).isEqualTo(undone);
        }
        assertThat(statuses).as("the actions' statuses in confirmation.json and in the journal, after %s", context)
                .isEqualTo(expected);
        if (installed) {
            assertThat(confirmation.status()).as("status after %s", context).isEqualTo(InstallStatus.SUCCEEDED);
            assertThat(confirmation.error()).isEmpty();
            assertThat(statuses).as("a tree as after the install, after %s", context)
                    .allMatch(s -> s == ActionStatus.SUCCEEDED || s == ActionStatus.SKIPPED);
        } else if (confirmation.status() == InstallStatus.REFUSED) {
            assertThat(journal).as("a journal of an install refused after %s", context).isEmpty();
            error.ifPresent(e -> assertThat(confirmation.error()).as("error after %s", context).contains(e));
        } else {
            assertThat(confirmation.status()).as("status after %s", context).isEqualTo(InstallStatus.ROLLED_BACK);
            error.ifPresent(e -> assertThat(confirmation.error()).as("error after %s", context).contains(e));
            assertThat(statuses).as("a tree as before the install, after %s", context)
                    .doesNotContain(ActionStatus.SUCCEEDED, ActionStatus.IN_PROGRESS, ActionStatus.ROLLBACK_FAILED);
        }
    }

    private void checkInventory(Confirmation confirmation) throws IOException {
        if (confirmation.pkg().name().isEmpty()) {
            assertThat(installed).as("installed, though its manifest was never read, after %s", context).isFalse();
            return;
        }
        Optional<String> recorded = Inventory.read(stateDir).installed(confirmation.pkg().name().get())
                .map(p -> p.installId());
        if (installed) {
            assertThat(recorded).as("installed.json after %s", context).contains(confirmation.installId());
        } else {
            assertThat(recorded).as("installed.json after %s", context).isNotEqualTo(Optional.of(
                    confirmation.installId()));
        }
    }

    private void checkHistory(Confirmation confirmation) throws IOException {
        List<HistoryEntry> lines = History.read(stateDir).stream()
                .filter(e -> e.installId().equals(confirmation.installId())).toList();
        if (confirmation.status() == InstallStatus.REFUSED) {
            assertThat(lines).as("history lines of an install refused before any change, after %s", context).isEmpty();
            return;
        }
        assertThat(lines).as("history lines of the install after %s", context).hasSize(1);
        assertThat(lines.get(0)).as("its history line after %s", context).isEqualTo(HistoryEntry.of(confirmation));
    }

    private void checkReply(Confirmation confirmation) throws IOException {
        Path file = home.resolve("logs/tr50-reply.json");
        JsonNode reply = ContractJson.mapper().readTree(file.toFile());
        assertThat(Files.readAllBytes(stateDir.resolve("replies").resolve(confirmation.installId() + ".json")))
                .as("the kept copy of the reply after %s", context).isEqualTo(Files.readAllBytes(file));
        List<JsonNode> messages = new ArrayList<>();
        reply.forEach(messages::add);
        long logs = messages.stream().filter(m -> m.path("command").asText().equals("log.publish")).count();
        assertThat(logs).as("log.publish messages after %s", context)
                .isEqualTo(AuditLog.linesOf(confirmation).size());
        if (confirmation.request().mailboxId().isPresent()) {
            JsonNode ack = messages.get(messages.size() - 1);
            assertThat(ack.path("command").asText()).as("the last message after %s", context).isEqualTo("mailbox.ack");
            assertThat(ack.path("params").path("errorCode").asInt()).as("the ack's code after %s", context)
                    .isEqualTo(confirmation.errorCode());
            assertThat(ack.path("params").path("params").path("status").asText()).as("the ack's status after %s",
                    context).isEqualTo(confirmation.status() == InstallStatus.SUCCEEDED ? "success" : "failure");
        }
    }
}
