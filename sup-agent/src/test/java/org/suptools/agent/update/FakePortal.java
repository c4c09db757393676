package org.suptools.agent.update;

import java.util.function.Function;
import org.suptools.tr50.Params;
import org.suptools.tr50.UpdateCheck;
import org.suptools.tr50.UpdateCheckResult;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;
import org.suptools.agent.link.Tr50Link;
import org.suptools.tr50.AttributePublish;
import org.suptools.tr50.FileGet;
import org.suptools.tr50.FileGetResult;
import org.suptools.tr50.LogPublish;
import org.suptools.tr50.MailboxAck;
import org.suptools.tr50.MailboxCheck;
import org.suptools.tr50.MailboxCheckResult;
import org.suptools.tr50.MailboxMessage;
import org.suptools.tr50.MailboxUpdate;
import org.suptools.tr50.PortalErrorCodes;
import org.suptools.tr50.RequestId;
import org.suptools.tr50.Tr50Command;
import org.suptools.tr50.Tr50Request;
import org.suptools.tr50.Tr50Response;
import org.suptools.tr50.Tr50Result;

/** The portal in memory: a mailbox, Developer Files, and a record of what the gateway sent. */
public final class FakePortal implements Tr50Link {

    public final Map<String, MailboxMessage> mailbox = Collections.synchronizedMap(new LinkedHashMap<>());
    public final Map<String, byte[]> files = Collections.synchronizedMap(new LinkedHashMap<>());
    public final Map<String, byte[]> fileIds = Collections.synchronizedMap(new LinkedHashMap<>());
    public final List<MailboxAck> acks = new CopyOnWriteArrayList<>();
    public final List<LogPublish> logs = new CopyOnWriteArrayList<>();
    public final List<MailboxUpdate> updates = new CopyOnWriteArrayList<>();
    public final List<String> checks = new CopyOnWriteArrayList<>();
    public final List<AttributePublish> attributes = new CopyOnWriteArrayList<>();
    public volatile boolean down;
    /** The devices that sent update.check, in order. */
    public final List<Params> updateChecks = new CopyOnWriteArrayList<>();
    /** How update.check is answered: up to date unless a test says otherwise. */
    public volatile Function<Params, UpdateCheckResult> releases = device -> UpdateCheckResult.upToDate();
    /** The link drops at each file.get, and only there. */
    public volatile boolean fileGetDown;
    /** Keeps acked messages in the mailbox, as a portal that lags behind would. */
    public volatile boolean keepAcked;
    /** Told of each ack, on the thread that received it. */
    public volatile Runnable onAck = () -> {
    };

    @Override
    public synchronized Tr50Response call(Tr50Request request) throws IOException {
        if (down || fileGetDown && request.commands().values().stream().anyMatch(c -> c instanceof FileGet)) {
            throw new IOException("connection lost");
        }
        SortedMap<RequestId, Tr50Result> results = new TreeMap<>();
        request.commands().forEach((id, command) -> results.put(id, answer(command)));
        return new Tr50Response(results);
    }

    @Override
    public synchronized void post(Tr50Request request) {
        if (!down) {
            request.commands().values().forEach(this::answer);
        }
    }

    private Tr50Result answer(Tr50Command command) {
        if (command instanceof MailboxCheck) {
            checks.add("mailbox.check");
            return Tr50Result.success(new MailboxCheckResult(List.copyOf(mailbox.values())).toParams());
        }
        if (command instanceof FileGet get) {
            byte[] content = files.get(get.fileName());
            if (content == null) {
                return Tr50Result.failure(PortalErrorCodes.FILE_NOT_FOUND, "SUP '" + get.fileName() + "' not found.");
            }
            String id = "f" + (fileIds.size() + 1);
            fileIds.put(id, content);
            CRC32 crc = new CRC32();
            crc.update(content);
            return Tr50Result.success(new FileGetResult(id, content.length, crc.getValue()).toParams());
        }
        if (command instanceof UpdateCheck check) {
            updateChecks.add(check.device());
            return Tr50Result.success(releases.apply(check.device()).toParams());
        }
        if (command instanceof MailboxAck ack) {
            acks.add(ack);
            if (!keepAcked) {
                mailbox.remove(ack.id());
            }
            onAck.run();
            return Tr50Result.success();
        }
        if (command instanceof LogPublish line) {
            logs.add(line);
            return Tr50Result.success();
        }
        if (command instanceof AttributePublish attribute) {
            attributes.add(attribute);
            return Tr50Result.success();
        }
        if (command instanceof MailboxUpdate update) {
            updates.add(update);
            return Tr50Result.success();
        }
        return Tr50Result.failure(-1, "not supported here: " + command.commandName());
    }

    /** The update states published, in order: {@code INSTANTIATED}, ... */
    public List<String> states() {
        return attributes.stream().filter(a -> a.key().equals("sup.update.state"))
                .map(a -> a.value().replaceAll("^\\{\"state\":\"([A-Z_]+)\".*$", "$1")).toList();
    }

    public List<String> ackedIds() {
        return acks.stream().map(MailboxAck::id).toList();
    }
}
