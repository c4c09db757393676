package org.suptools.installer.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.InstallStatus;

class InstallEventsTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:15:30Z");
    private static final PackageInfo PACKAGE = new PackageInfo(Optional.of("acme-config"), Optional.of("1.4.0"),
            "acme-config-1.4.0.sup", "ab".repeat(32), List.of("ops-2026"));

    /** One of every kind, in the order an install with a rollback emits them. */
    static List<InstallEvent> everyKind() {
        return List.of(
                new InstallEvent.Started(AT, "i-1", new RequestInfo(Optional.of("C-1"), Optional.of("M-1"),
                        Optional.of("gw-1")), PackageInfo.ofFile("acme-config-1.4.0.sup", "ab".repeat(32))),
                new InstallEvent.Verified(AT, PACKAGE),
                new InstallEvent.Planned(AT, List.of(new InstallEvent.PlannedStep(1, "stop", "runtime.stop",
                        Optional.of("stop it"), Optional.empty()), new InstallEvent.PlannedStep(2, "config", "file.copy",
                        Optional.empty(), Optional.of("already there")))),
                new InstallEvent.Refused(AT, InstallError.UNTRUSTED, "no trusted signature"),
                new InstallEvent.ActionStarted(AT, 1, 2, "stop", "runtime.stop"),
                new InstallEvent.ActionSucceeded(AT, 1, 2, "stop", "runtime.stop", "stopped", Optional.of(0),
                        Optional.of("bye")),
                new InstallEvent.ActionFailed(AT, 2, 2, "config", "file.copy", "disk full", Optional.empty(),
                        Optional.empty(), false),
                new InstallEvent.ActionSkipped(AT, 2, 2, "config", "file.copy", "already there"),
                new InstallEvent.RollbackStarted(AT, "config failed"),
                new InstallEvent.ActionRolledBack(AT, 1, 2, "stop", "runtime.stop"),
                new InstallEvent.ActionRollbackFailed(AT, 1, 2, "stop", "runtime.stop", "cannot start"),
                new InstallEvent.Finished(AT, InstallStatus.ROLLED_BACK, Optional.of(InstallError.ACTION_FAILED),
                        "config failed: disk full", false, Optional.empty()));
    }

    @Test
    void everyEvent_readsBackAsItWasWritten() {
        for (InstallEvent event : everyKind()) {
            String line = InstallEvents.line(event);

            assertThat(line).doesNotContain("\n");
            assertThat(InstallEvents.parse(line)).as(line).contains(event);
        }
    }

    @Test
    void theLine_namesTheEventFirst_andKeepsTheDocumentedFieldNames() {
        List<String> lines = everyKind().stream().map(InstallEvents::line).toList();

        assertThat(lines).extracting(line -> line.substring(0, line.indexOf(',')))
                .containsExactly("{\"event\":\"started\"", "{\"event\":\"verified\"", "{\"event\":\"planned\"",
                        "{\"event\":\"refused\"", "{\"event\":\"action-started\"", "{\"event\":\"action-succeeded\"",
                        "{\"event\":\"action-failed\"", "{\"event\":\"action-skipped\"",
                        "{\"event\":\"rollback-started\"", "{\"event\":\"action-rolled-back\"",
                        "{\"event\":\"action-rollback-failed\"", "{\"event\":\"finished\"");
        assertThat(lines.get(1)).contains("\"package\":{\"name\":\"acme-config\"").doesNotContain("pkg");
        assertThat(lines.get(3)).contains("\"error\":\"untrusted\"", "\"errorCode\":-90101");
        assertThat(lines.get(11)).contains("\"status\":\"rolled-back\"", "\"errorCode\":-90110",
                "\"recovery\":null");
    }

    @Test
    void aLineOfAnOlderOrNewerInstaller_isReadWithWhatItHas() {
        Optional<InstallEvent> event = InstallEvents.parse("{\"event\":\"action-failed\",\"index\":2,\"total\":3,"
                + "\"id\":\"config\",\"type\":\"file.copy\",\"message\":\"disk full\",\"exitCode\":null,"
                + "\"severity\":\"high\"}");

        assertThat(event).containsInstanceOf(InstallEvent.ActionFailed.class);
        InstallEvent.ActionFailed failed = (InstallEvent.ActionFailed) event.orElseThrow();
        assertThat(failed.exitCode()).isEmpty();
        assertThat(failed.outputTail()).isEmpty();
        assertThat(failed.message()).isEqualTo("disk full");
    }

    @Test
    void whatIsNoKnownEvent_isNoEvent() {
        assertThat(InstallEvents.parse("Installing acme-config 1.4.0...")).isEmpty();
        assertThat(InstallEvents.parse("{\"event\":\"teleported\",\"at\":\"2026-12-03T10:15:30Z\"}")).isEmpty();
        assertThat(InstallEvents.parse("{\"status\":\"succeeded\"}")).isEmpty();
        assertThat(InstallEvents.parse("{\"event\":\"finished\",\"status\":\"exploded\"}")).isEmpty();
        assertThat(InstallEvents.parse("{\"event\":")).isEmpty();
        assertThat(InstallEvents.parse("")).isEmpty();
    }

    @Test
    void eachEvent_goesToTheHandlerMethodOfItsKind() {
        List<String> called = new ArrayList<>();
        InstallEventHandler handler = new InstallEventHandler() {
            @Override
            public void planned(InstallEvent.Planned event) {
                called.add("planned " + event.actions().size());
            }

            @Override
            public void actionRollbackFailed(InstallEvent.ActionRollbackFailed event) {
                called.add("rollback-failed " + event.id());
            }

            @Override
            public void finished(InstallEvent.Finished event) {
                called.add("finished " + event.status().text());
            }
        };

        everyKind().forEach(event -> event.sendTo(handler));

        assertThat(called).containsExactly("planned 2", "rollback-failed stop", "finished rolled-back");
    }
}
