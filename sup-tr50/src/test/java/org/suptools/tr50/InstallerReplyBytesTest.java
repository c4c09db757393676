package org.suptools.tr50;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The installer's {@code tr50-reply.json} (docs/reference/reports.md) written through this module
 * is the same bytes the installer writes today: two-space indent, {@code "name": value}, fields in
 * the documented order, absent ones left out, a final newline. The expected text is typed out by
 * hand from the documented examples.
 */
class InstallerReplyBytesTest {

    private static final Optional<String> GATEWAY = Optional.of("gw-0042");

    @Test
    void pretty_writesAFailureReplyExactlyAsTheInstallerDoes() {
        Optional<String> mailbox = Optional.of("M-8813");
        Tr50Request reply = Tr50Request.of(List.of(
                log("2026-11-23T00:46:37.921707914Z", LogLevel.INFO,
                        "SUP acme-config 1.4.1: install started (campaign C-2026-11, mailbox M-8813)", mailbox),
                log("2026-11-23T00:46:39.262522869Z", LogLevel.ERROR, "SUP acme-config 1.4.1: action 4/5 command.run failed:"
                        + " 'sh -c echo cannot reach the PLC >&2; exit 3' exited with 3", mailbox),
                log("2026-11-23T00:46:39.314679186Z", LogLevel.WARNING,
                        "SUP acme-config 1.4.1: action 2/5 file.copy rolled back", mailbox),
                new MailboxAck("M-8813", -90110, Optional.of("action 4 failed: 'sh -c echo cannot reach the PLC >&2;"
                        + " exit 3' exited with 3; everything was rolled back"),
                        Optional.of(Params.builder().put("status", "failure").put("name", "acme-config")
                                .put("version", "1.4.1").build()))));

        String expected = """
                {
                  "1": {
                    "command": "log.publish",
                    "params": {
                      "thingKey": "gw-0042",
                      "ts": "2026-11-23T00:46:37.921707914Z",
                      "msg": "SUP acme-config 1.4.1: install started (campaign C-2026-11, mailbox M-8813)",
                      "level": 2,
                      "corrId": "M-8813"
                    }
                  },
                  "2": {
                    "command": "log.publish",
                    "params": {
                      "thingKey": "gw-0042",
                      "ts": "2026-11-23T00:46:39.262522869Z",
                      "msg": "SUP acme-config 1.4.1: action 4/5 command.run failed: 'sh -c echo cannot reach the PLC >&2; exit 3' exited with 3",
                      "level": 0,
                      "corrId": "M-8813"
                    }
                  },
                  "3": {
                    "command": "log.publish",
                    "params": {
                      "thingKey": "gw-0042",
                      "ts": "2026-11-23T00:46:39.314679186Z",
                      "msg": "SUP acme-config 1.4.1: action 2/5 file.copy rolled back",
                      "level": 1,
                      "corrId": "M-8813"
                    }
                  },
                  "4": {
                    "command": "mailbox.ack",
                    "params": {
                      "id": "M-8813",
                      "errorCode": -90110,
                      "errorMessage": "action 4 failed: 'sh -c echo cannot reach the PLC >&2; exit 3' exited with 3; everything was rolled back",
                      "params": {
                        "status": "failure",
                        "name": "acme-config",
                        "version": "1.4.1"
                      }
                    }
                  }
                }
                """;
        assertThat(new String(Tr50Codec.pretty(reply), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void pretty_writesASuccessReplyExactlyAsTheInstallerDoes() {
        Optional<String> mailbox = Optional.of("M-8812");
        Tr50Request reply = Tr50Request.of(List.of(
                log("2026-11-23T00:46:05.163991630Z", LogLevel.INFO,
                        "SUP acme-config 1.4.0: install started (campaign C-2026-11, mailbox M-8812)", mailbox),
                log("2026-11-23T00:46:06.873501044Z", LogLevel.INFO,
                        "SUP acme-config 1.4.0: action 1/5 runtime.stop succeeded", mailbox),
                log("2026-11-23T00:46:07.522820533Z", LogLevel.INFO, "SUP acme-config 1.4.0: installed successfully",
                        mailbox),
                new MailboxAck("M-8812", 0, Optional.of(""), Optional.of(Params.builder().put("status", "success")
                        .put("name", "acme-config").put("version", "1.4.0").build()))));

        String expected = """
                {
                  "1": {
                    "command": "log.publish",
                    "params": {
                      "thingKey": "gw-0042",
                      "ts": "2026-11-23T00:46:05.163991630Z",
                      "msg": "SUP acme-config 1.4.0: install started (campaign C-2026-11, mailbox M-8812)",
                      "level": 2,
                      "corrId": "M-8812"
                    }
                  },
                  "2": {
                    "command": "log.publish",
                    "params": {
                      "thingKey": "gw-0042",
                      "ts": "2026-11-23T00:46:06.873501044Z",
                      "msg": "SUP acme-config 1.4.0: action 1/5 runtime.stop succeeded",
                      "level": 2,
                      "corrId": "M-8812"
                    }
                  },
                  "3": {
                    "command": "log.publish",
                    "params": {
                      "thingKey": "gw-0042",
                      "ts": "2026-11-23T00:46:07.522820533Z",
                      "msg": "SUP acme-config 1.4.0: installed successfully",
                      "level": 2,
                      "corrId": "M-8812"
                    }
                  },
                  "4": {
                    "command": "mailbox.ack",
                    "params": {
                      "id": "M-8812",
                      "errorCode": 0,
                      "errorMessage": "",
                      "params": {
                        "status": "success",
                        "name": "acme-config",
                        "version": "1.4.0"
                      }
                    }
                  }
                }
                """;
        assertThat(new String(Tr50Codec.pretty(reply), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void pretty_leavesOutWhatAManualInstallDoesNotHave() {
        Tr50Request reply = Tr50Request.of(new LogPublish(Optional.empty(), Optional.of(Instant.parse("2026-01-01T10:00:00Z")),
                "SUP acme-config 1.4.0: install started (manual)", Optional.of(LogLevel.INFO), Optional.empty()));

        assertThat(new String(Tr50Codec.pretty(reply), StandardCharsets.UTF_8)).isEqualTo("""
                {
                  "1": {
                    "command": "log.publish",
                    "params": {
                      "ts": "2026-01-01T10:00:00Z",
                      "msg": "SUP acme-config 1.4.0: install started (manual)",
                      "level": 2
                    }
                  }
                }
                """);
    }

    @Test
    void readRequest_readsTheInstallersFileBackToTheSameBytes() throws Tr50Exception {
        Tr50Request reply = Tr50Request.of(List.of(
                log("2026-11-23T00:46:05.163991630Z", LogLevel.WARNING, "SUP x 1.0.0: a reboot is required",
                        Optional.of("M-1")),
                new MailboxAck("M-1", 0, Optional.of(""), Optional.of(Params.builder().put("status", "success").build()))));
        byte[] written = Tr50Codec.pretty(reply);

        Tr50Request read = Tr50Codec.readRequest(written);

        assertThat(read).isEqualTo(reply);
        assertThat(Tr50Codec.pretty(read)).isEqualTo(written);
    }

    private static LogPublish log(String ts, LogLevel level, String msg, Optional<String> mailbox) {
        return new LogPublish(GATEWAY, Optional.of(Instant.parse(ts)), msg, Optional.of(level), mailbox);
    }
}
