package org.suptools.portal.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.suptools.portal.files.FileIds;
import org.suptools.portal.store.Alarm;
import org.suptools.portal.store.Campaigns;
import org.suptools.portal.store.Attribute;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.FileStore;
import org.suptools.portal.store.LogLine;
import org.suptools.portal.store.MailboxItem;
import org.suptools.portal.store.MailboxOutcome;
import org.suptools.portal.store.Mailboxes;
import org.suptools.portal.store.StoredFile;
import org.suptools.portal.store.Telemetry;
import org.suptools.tr50.AlarmPublish;
import org.suptools.tr50.AttributePublish;
import org.suptools.tr50.CampaignAccept;
import org.suptools.tr50.CampaignList;
import org.suptools.tr50.CampaignListResult;
import org.suptools.tr50.FileGet;
import org.suptools.tr50.FileGetResult;
import org.suptools.tr50.IncomingRequest;
import org.suptools.tr50.LogPublish;
import org.suptools.tr50.MailboxAck;
import org.suptools.tr50.MailboxCheck;
import org.suptools.tr50.MailboxCheckResult;
import org.suptools.tr50.MailboxMessage;
import org.suptools.tr50.MailboxUpdate;
import org.suptools.tr50.MethodExec;
import org.suptools.tr50.Params;
import org.suptools.tr50.PortalErrorCodes;
import org.suptools.tr50.Tr50Command;
import org.suptools.tr50.Tr50Response;
import org.suptools.tr50.Tr50Result;
import org.suptools.tr50.UpdateCheck;

/**
 * Answers the TR50 commands a thing sends, as the portal does: its mailbox, file ids for downloads, and
 * what it publishes (logs, attributes, alarms). Every command acts for the thing that sent it, the MQTT
 * user name; one that names another thing is refused.
 */
public final class Tr50Service {

    private static final Logger LOG = Logger.getLogger(Tr50Service.class.getName());

    private final Clock clock;
    private final Mailboxes mailboxes;
    private final Telemetry telemetry;
    private final DataDir data;
    private final FileStore developerFiles;
    private final FileIds fileIds;
    private final AckDeadlines deadlines;
    private final UpdateCheckAnswer updateCheck;
    private final Campaigns campaigns;

    public Tr50Service(DataDir data, Clock clock, FileIds fileIds) {
        this.clock = clock;
        this.data = data;
        this.mailboxes = new Mailboxes(data);
        this.telemetry = new Telemetry(data);
        this.developerFiles = FileStore.developerFiles(data, clock);
        this.fileIds = fileIds;
        this.deadlines = AckDeadlines.load(mailboxes, clock);
        this.updateCheck = new UpdateCheckAnswer(new org.suptools.portal.store.Releases(data, clock), fileIds);
        this.campaigns = new Campaigns(data, clock);
    }

    /** The ack deadlines of the messages this service handed out, for the server to sweep. */
    public AckDeadlines deadlines() {
        return deadlines;
    }

    /** The reply to a whole request from {@code thingKey}: each command answered under its id. */
    public Tr50Response answer(String thingKey, IncomingRequest request) {
        return request.answer(command -> answer(thingKey, command),
                problem -> Tr50Result.failure(PortalErrorCodes.INVALID_PARAMS, problem));
    }

    /** The result of one command from {@code thingKey}. */
    public Tr50Result answer(String thingKey, Tr50Command command) {
        try {
            // Java 17 has no pattern switch; the chain covers every permitted command type.
            if (command instanceof MailboxCheck check) {
                return check(thingKey, check);
            } else if (command instanceof MailboxUpdate update) {
                return update(thingKey, update);
            } else if (command instanceof MailboxAck ack) {
                return ack(thingKey, ack);
            } else if (command instanceof FileGet get) {
                return fileGet(thingKey, get);
            } else if (command instanceof LogPublish log) {
                return log(thingKey, log);
            } else if (command instanceof AttributePublish attribute) {
                return attribute(thingKey, attribute);
            } else if (command instanceof AlarmPublish alarm) {
                return alarm(thingKey, alarm);
            } else if (command instanceof UpdateCheck check) {
                return updateCheck.answer(thingKey, check);
            } else if (command instanceof CampaignList) {
                return Tr50Result.success(new CampaignListResult(campaigns.forThing(thingKey)).toParams());
            } else if (command instanceof CampaignAccept accept) {
                return accept(thingKey, accept);
            }
            return unsupported(command);
        } catch (RuntimeException e) {
            LOG.warning(() -> command.commandName() + " from " + thingKey + " failed: " + e);
            return Tr50Result.failure(PortalErrorCodes.INVALID_PARAMS, command.commandName() + ": " + e.getMessage());
        }
    }

    private Tr50Result accept(String thingKey, CampaignAccept accept) {
        try {
            Campaigns.Acceptance done = campaigns.accept(thingKey, accept.campaignId());
            if (done.accepted()) {
                LOG.info(() -> thingKey + " accepted campaign " + accept.campaignId() + ": its update "
                        + done.mailboxId() + " is queued");
            }
            return Tr50Result.success(Params.builder().put("campaignId", accept.campaignId())
                    .put("mailboxId", done.mailboxId()).put("accepted", done.accepted()).build());
        } catch (Campaigns.AcceptRefused e) {
            return Tr50Result.failure(e.code(), CampaignAccept.NAME + ": " + e.getMessage());
        }
    }

    private Tr50Result check(String thingKey, MailboxCheck check) {
        List<MailboxItem> handedOut = mailboxes.check(thingKey, check.autoComplete().orElse(false), check.limit(),
                clock.instant());
        handedOut.forEach(deadlines::watch);
        List<MailboxMessage> messages = handedOut.stream().map(item -> new MailboxMessage(item.id(),
                Optional.of(item.thingKey()), MethodExec.of(item.method(), Params.of(item.params())))).toList();
        return Tr50Result.success(new MailboxCheckResult(messages).toParams());
    }

    private Tr50Result update(String thingKey, MailboxUpdate update) {
        return outcome(thingKey, mailboxes.update(thingKey, update.id(), update.msg(), clock.instant()),
                "mailbox.update", "");
    }

    private Tr50Result ack(String thingKey, MailboxAck ack) {
        return outcome(thingKey, mailboxes.ack(thingKey, ack.id(), ack.errorCode(), ack.errorMessage(),
                ack.params().map(Params::toJson), clock.instant()), "mailbox.ack",
                " (code " + ack.errorCode() + ack.errorMessage().filter(m -> !m.isEmpty()).map(m -> ", " + m)
                        .orElse("") + ")");
    }

    private static Tr50Result outcome(String thingKey, MailboxOutcome outcome, String command, String detail) {
        if (outcome instanceof MailboxOutcome.CompletedByPortal late) {
            // Success, so the gateway's outbox lets it go; the record stays as the portal completed it.
            MailboxItem item = late.item();
            LOG.info(() -> "late " + command + " of " + item.id() + " from " + thingKey + detail
                    + " acknowledged, record unchanged: the portal completed it at " + item.completedOn().orElseThrow()
                    + " with " + item.errorCode().orElseThrow());
            return Tr50Result.success();
        }
        if (outcome instanceof MailboxOutcome.NotFound missing) {
            return Tr50Result.failure(PortalErrorCodes.MAILBOX_MESSAGE_NOT_FOUND,
                    command + ": no mailbox message '" + missing.id() + "' for this thing");
        }
        if (outcome instanceof MailboxOutcome.AlreadyCompleted done) {
            return Tr50Result.failure(PortalErrorCodes.MAILBOX_MESSAGE_COMPLETED,
                    command + ": mailbox message '" + done.item().id() + "' is already completed");
        }
        return Tr50Result.success();
    }

    private Tr50Result fileGet(String thingKey, FileGet get) {
        Optional<StoredFile> file;
        FileStore store;
        if (get.global()) {
            store = developerFiles;
        } else {
            String owner = get.thingKey().orElse(thingKey);
            if (!owner.equals(thingKey)) {
                return notAuthorized("file.get", owner);
            }
            store = FileStore.thingFiles(data, thingKey, clock);
        }
        file = store.find(get.fileName());
        if (file.isEmpty()) {
            String what = get.fileName().endsWith(".sup") ? "SUP" : "File";
            return Tr50Result.failure(PortalErrorCodes.FILE_NOT_FOUND, what + " '" + get.fileName() + "' not found.");
        }
        StoredFile found = file.get();
        String id = fileIds.issue(new FileIds.Download(found.name(), store.bytes(found), found.size()));
        return Tr50Result.success(new FileGetResult(id, found.size(), found.crc32()).toParams());
    }

    private Tr50Result log(String thingKey, LogPublish log) {
        if (log.thingKey().filter(k -> !k.equals(thingKey)).isPresent()) {
            return notAuthorized("log.publish", log.thingKey().get());
        }
        telemetry.log(thingKey, new LogLine(now(), log.ts(), log.level().map(l -> l.code()), log.msg(), log.corrId()));
        return Tr50Result.success();
    }

    private Tr50Result attribute(String thingKey, AttributePublish attribute) {
        if (attribute.thingKey().filter(k -> !k.equals(thingKey)).isPresent()) {
            return notAuthorized("attribute.publish", attribute.thingKey().get());
        }
        telemetry.attribute(thingKey, attribute.key(), new Attribute(attribute.value(), attribute.ts(), now()));
        return Tr50Result.success();
    }

    private Tr50Result alarm(String thingKey, AlarmPublish alarm) {
        if (alarm.thingKey().filter(k -> !k.equals(thingKey)).isPresent()) {
            return notAuthorized("alarm.publish", alarm.thingKey().get());
        }
        telemetry.alarm(thingKey, alarm.key(), new Alarm(alarm.state(), alarm.msg(), alarm.ts(), now()));
        return Tr50Result.success();
    }

    private static Tr50Result unsupported(Tr50Command command) {
        return Tr50Result.failure(PortalErrorCodes.UNKNOWN_COMMAND,
                "unknown command '" + command.commandName() + "': the portal emulator serves mailbox.check,"
                        + " mailbox.update, mailbox.ack, file.get, log.publish, attribute.publish, alarm.publish,"
                        + " update.check, gateway.sup.campaigns and gateway.sup.campaign.accept");
    }

    private static Tr50Result notAuthorized(String command, String other) {
        return Tr50Result.failure(PortalErrorCodes.NOT_AUTHORIZED,
                command + ": a thing may act only for itself, not for '" + other + "'");
    }

    private Instant now() {
        return clock.instant();
    }
}
