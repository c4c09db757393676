package org.suptools.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.agent.link.Tr50Link;
import org.suptools.tr50.LogPublish;
import org.suptools.tr50.MailboxAck;
import org.suptools.tr50.RequestId;
import org.suptools.tr50.Tr50Command;
import org.suptools.tr50.Tr50Request;
import org.suptools.tr50.Tr50Response;
import org.suptools.tr50.Tr50Result;

class OutboxTest {

    @TempDir
    Path dir;

    private final List<Tr50Request> sent = new ArrayList<>();

    @Test
    void flush_sendsInOrderAndForgetsWhatThePortalTook() throws Exception {
        Outbox outbox = new Outbox(dir.resolve("outbox"));
        Path copy = Files.writeString(dir.resolve("installer-copy.json"), "{}");
        outbox.add("M1", Tr50Request.of(List.of(line("one"), ack("M1"))), Optional.of(copy));
        outbox.add("M2", Tr50Request.of(ack("M2")), Optional.empty());

        Outbox.Flush flush = outbox.flush(link(command -> Tr50Result.success()));

        assertThat(flush).isEqualTo(new Outbox.Flush(2, 0, false, 0));
        assertThat(sent).extracting(Tr50Request::size).containsExactly(2, 1);
        assertThat(((MailboxAck) sent.get(1).command(RequestId.of(1)).orElseThrow()).id()).isEqualTo("M2");
        assertThat(outbox.pending()).isEmpty();
        assertThat(copy).doesNotExist();
    }

    @Test
    void flush_keepsEverythingWhenTheLinkFails() throws Exception {
        Outbox outbox = new Outbox(dir.resolve("outbox"));
        outbox.add("M1", Tr50Request.of(ack("M1")), Optional.empty());
        outbox.add("M2", Tr50Request.of(ack("M2")), Optional.empty());

        Outbox.Flush flush = outbox.flush(new Tr50Link() {
            @Override
            public Tr50Response call(Tr50Request request) throws IOException {
                throw new IOException("connection lost");
            }

            @Override
            public void post(Tr50Request request) {
            }
        });

        assertThat(flush).isEqualTo(new Outbox.Flush(0, 0, true, 2));
        assertThat(outbox.holds("M1")).isTrue();
        assertThat(new Outbox(dir.resolve("outbox")).pending()).extracting(Outbox.Entry::jobKey)
                .containsExactly("M1", "M2");
    }

    @Test
    void flush_keepsOnlyTheRefusedCommandsAndSetsThemAsideAfterRepeatedRefusals() throws Exception {
        Outbox outbox = new Outbox(dir.resolve("outbox"));
        outbox.add("M1", Tr50Request.of(List.of(line("one"), ack("M1"))), Optional.empty());
        Tr50Link refusingAcks = link(command -> command instanceof MailboxAck
                ? Tr50Result.failure(-1, "no such mailbox message") : Tr50Result.success());

        outbox.flush(refusingAcks);
        Outbox.Entry kept = outbox.pending().get(0);

        assertThat(kept.request().commands().values()).singleElement().isInstanceOf(MailboxAck.class);
        assertThat(kept.refusals()).isEqualTo(1);
        Outbox.Flush last = null;
        for (int i = 1; i < Outbox.MAX_REFUSALS; i++) {
            last = outbox.flush(refusingAcks);
        }
        assertThat(last.rejected()).isEqualTo(1);
        assertThat(outbox.pending()).isEmpty();
        assertThat(outbox.rejectedCount()).isEqualTo(1);
        assertThat(Files.readString(Files.list(dir.resolve("outbox/rejected")).findFirst().orElseThrow()))
                .contains("no such mailbox message");
        assertThat(sent).hasSize(Outbox.MAX_REFUSALS);
    }

    @Test
    void add_numbersAfterEverythingAlreadyInEvenAcrossRestarts() throws Exception {
        new Outbox(dir.resolve("outbox")).add("M1", Tr50Request.of(ack("M1")), Optional.empty());
        new Outbox(dir.resolve("outbox")).add("M2", Tr50Request.of(ack("M2")), Optional.empty());
        Files.writeString(dir.resolve("outbox/notes.txt"), "not an entry");

        assertThat(new Outbox(dir.resolve("outbox")).pending()).extracting(e -> e.file().getFileName().toString())
                .containsExactly("0000000000000001-M1.json", "0000000000000002-M2.json");
    }

    private Tr50Link link(Function<Tr50Command, Tr50Result> answer) {
        return new Tr50Link() {
            @Override
            public Tr50Response call(Tr50Request request) {
                sent.add(request);
                SortedMap<RequestId, Tr50Result> results = new TreeMap<>();
                request.commands().forEach((id, command) -> results.put(id, answer.apply(command)));
                return new Tr50Response(results);
            }

            @Override
            public void post(Tr50Request request) {
            }
        };
    }

    private static MailboxAck ack(String id) {
        return new MailboxAck(id, 0, Optional.of(""), Optional.empty());
    }

    private static LogPublish line(String text) {
        return new LogPublish(Optional.empty(), Optional.empty(), text, Optional.empty(), Optional.of("M1"));
    }
}
