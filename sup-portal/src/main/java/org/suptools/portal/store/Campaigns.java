package org.suptools.portal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.suptools.tr50.GatewaySupUpdate;
import org.suptools.tr50.Params;

/**
 * Campaigns with the {@code gateway.sup.update} task, one file each under {@code campaigns/}. Starting
 * one queues a mailbox message for each member (ttl -1: it waits for a gateway that is offline) and asks
 * the server to notify the things. Starting again sends only what a start cut short did not.
 */
public final class Campaigns {

    private static final Pattern ID = Pattern.compile("C[0-9]{4,9}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The method the agent approves a stage by. */
    public static final String SCHEDULE_METHOD = "gateway.sup.schedule";

    private final DataDir data;
    private final Clock clock;
    private final Things things;
    private final FileStore developerFiles;
    private final Mailboxes mailboxes;
    private final Telemetry telemetry;
    private final NotifySpool notices;

    public Campaigns(DataDir data, Clock clock) {
        this.data = data;
        this.clock = clock;
        this.things = new Things(data, clock);
        this.developerFiles = FileStore.developerFiles(data, clock);
        this.mailboxes = new Mailboxes(data);
        this.telemetry = new Telemetry(data);
        this.notices = new NotifySpool(data);
    }

    /**
     * Creates a campaign (not started).
     *
     * @throws IllegalArgumentException naming the option when the file is not a .sup Developer File, a
     *     thing is unknown, or a value is not valid
     */
    public Campaign create(String name, String fileName, List<String> thingKeys, int timeout) {
        return create(name, fileName, thingKeys, timeout, StageApprovals.NONE);
    }

    /**
     * Creates a campaign (not started) whose gateways hold the given stages for {@link #approve}.
     *
     * @throws IllegalArgumentException naming the option when the file is not a .sup Developer File, a
     *     thing is unknown, or a value is not valid
     */
    public Campaign create(String name, String fileName, List<String> thingKeys, int timeout,
            StageApprovals approval) {
        return create(name, fileName, thingKeys, timeout, approval, false);
    }

    /**
     * Creates a campaign (not started); with {@code acceptance}, a member's update is sent only once its
     * gateway accepts the campaign ({@link #accept}).
     *
     * @throws IllegalArgumentException naming the option when the file is not a .sup Developer File, a
     *     thing is unknown, or a value is not valid
     */
    public Campaign create(String name, String fileName, List<String> thingKeys, int timeout,
            StageApprovals approval, boolean acceptance) {
        if (!fileName.endsWith(".sup")) {
            throw new IllegalArgumentException("file: only a .sup Developer File can be chosen for gateway.sup.update,"
                    + " was '" + fileName + "'");
        }
        // Checked under the lock that thing delete and file delete hold, so neither can slip in between.
        return data.locked(() -> {
            if (developerFiles.find(fileName).isEmpty()) {
                throw new IllegalArgumentException("file: no Developer File named '" + fileName
                        + "' (upload it first)");
            }
            List<Campaign.Member> members = new ArrayList<>();
            for (String key : thingKeys) {
                if (!things.exists(key)) {
                    throw new IllegalArgumentException("things: no thing with key '" + key + "' (add it first)");
                }
                members.add(new Campaign.Member(key, newMailboxId()));
            }
            String id = nextId();
            Campaign campaign = new Campaign(id, name, fileName, timeout, members, false, clock.instant(),
                    Optional.empty(), Optional.empty(), approval, List.of(), acceptance, List.of());
            data.write(file(id), campaign);
            return campaign;
        });
    }

    /**
     * Starts a campaign: each member's message queued, each thing notified. Idempotent: starting again
     * sends only what a start cut short did not. The campaign and its messages are written under one lock,
     * so a cancel never falls between them.
     *
     * @throws IllegalArgumentException when there is no such campaign, or it was cancelled
     */
    public Campaign start(String id) {
        Campaign started = data.locked(() -> {
            Campaign campaign = find(id).orElseThrow(() -> new IllegalArgumentException("no campaign " + id));
            if (campaign.cancelled()) {
                throw new IllegalArgumentException("ID: campaign " + id + " was cancelled at "
                        + campaign.cancelledOn().get() + "; it cannot be started");
            }
            Instant now = clock.instant();
            Campaign current = campaign;
            if (!campaign.started()) {
                current = campaign.startedAt(now);
                data.write(file(id), current);
            }
            Campaign sending = current;
            mailboxes.send(sending.members().stream().filter(member -> sending.sendsTo(member.thingKey()))
                    .map(member -> updateMessage(sending, member, now)).toList());
            return sending;
        });
        started.members().stream().filter(member -> started.sendsTo(member.thingKey()))
                .forEach(member -> notices.request(member.thingKey()));
        return started;
    }

    /** The member's {@code gateway.sup.update}, kept until its gateway connects. */
    private static MailboxItem updateMessage(Campaign campaign, Campaign.Member member, Instant now) {
        return MailboxItem.queued(member.mailboxId(), member.thingKey(), Optional.of(campaign.id()),
                GatewaySupUpdate.METHOD, updateOf(campaign).toParams().toJson(), -1, Optional.of(campaign.timeout()),
                now);
    }

    /**
     * What {@code gateway.sup.campaign.accept} did for a member.
     *
     * @param mailboxId the member's {@code gateway.sup.update} message
     * @param accepted true when this call accepted it; false when it was accepted before, or the campaign
     *     sends without acceptance (the message was sent at its start)
     */
    public record Acceptance(Campaign campaign, String mailboxId, boolean accepted) {
    }

    /** A refusal of {@link #accept}, with the portal's code. */
    public static final class AcceptRefused extends RuntimeException {
        private final int code;

        AcceptRefused(int code, String message) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /**
     * A gateway accepts a campaign it is a member of: for a campaign that waits for acceptance, its
     * {@code gateway.sup.update} is queued now and the thing notified. Accepting again, or a campaign that
     * needs no acceptance, changes nothing and says where the message is: a gateway whose reply was lost
     * can simply ask again.
     *
     * @throws AcceptRefused when the thing is not a member of such a campaign, or it is a draft or cancelled
     */
    public Acceptance accept(String thingKey, String id) {
        Acceptance done = data.locked(() -> {
            Campaign campaign = find(id).orElseThrow(() -> new AcceptRefused(
                    org.suptools.tr50.PortalErrorCodes.CAMPAIGN_NOT_FOUND, "no campaign '" + id + "' for " + thingKey));
            Campaign.Member member = campaign.members().stream().filter(m -> m.thingKey().equals(thingKey)).findFirst()
                    .orElseThrow(() -> new AcceptRefused(org.suptools.tr50.PortalErrorCodes.CAMPAIGN_NOT_FOUND,
                            "no campaign '" + id + "' for " + thingKey));
            if (campaign.cancelled()) {
                throw new AcceptRefused(org.suptools.tr50.PortalErrorCodes.CAMPAIGN_NOT_OPEN, "campaign " + id
                        + " was cancelled at " + campaign.cancelledOn().get());
            }
            if (!campaign.started()) {
                throw new AcceptRefused(org.suptools.tr50.PortalErrorCodes.CAMPAIGN_NOT_OPEN, "campaign " + id
                        + " is not started yet");
            }
            if (campaign.sendsTo(thingKey)) {
                return new Acceptance(campaign, member.mailboxId(), false);
            }
            Campaign accepted = campaign.acceptedBy(thingKey);
            data.write(file(id), accepted);
            mailboxes.send(List.of(updateMessage(accepted, member, clock.instant())));
            return new Acceptance(accepted, member.mailboxId(), true);
        });
        if (done.accepted()) {
            notices.request(thingKey);
        }
        return done;
    }

    /** The campaigns that have {@code thingKey} as a member, oldest first, as the gateway sees them. */
    public List<org.suptools.tr50.CampaignListResult.Campaign> forThing(String thingKey) {
        List<org.suptools.tr50.CampaignListResult.Campaign> listed = new ArrayList<>();
        for (Campaign campaign : all()) {
            Optional<Campaign.Member> member = campaign.members().stream().filter(m -> m.thingKey().equals(thingKey))
                    .findFirst();
            if (member.isEmpty()) {
                continue;
            }
            CampaignStatus status = status(campaign);
            MemberRecord record = status.members().stream().filter(m -> m.thingKey().equals(thingKey)).findFirst()
                    .orElseThrow();
            boolean waiting = campaign.started() && !campaign.cancelled() && !campaign.sendsTo(thingKey);
            listed.add(new org.suptools.tr50.CampaignListResult.Campaign(campaign.id(), campaign.name(),
                    campaign.fileName(), status.state(), waiting ? "Waiting" : record.status(), record.result(),
                    campaign.acceptance(), campaign.accepted().contains(thingKey), member.get().mailboxId(),
                    campaign.approval().download(), campaign.approval().execution()));
        }
        return listed;
    }

    /**
     * The member's params: {@code name} and {@code timeout}, the campaign's id as {@code campaignId} (which
     * the agent passes to the installer and approves by) and, when the campaign holds a stage, its
     * {@code approval}.
     */
    static GatewaySupUpdate updateOf(Campaign campaign) {
        Params.Builder others = Params.builder().put("campaignId", campaign.id());
        if (campaign.approval().any()) {
            others.put("approval", campaign.approval().toParams());
        }
        return new GatewaySupUpdate(campaign.supName(), Optional.of(campaign.timeout()), others.build());
    }

    /**
     * Approves a stage of a started campaign's update on its members not completed yet (or those of
     * {@code thingKeys} among them): each gets a {@code gateway.sup.schedule} mailbox message (method.exec,
     * waiting for a gateway that is offline) and is notified; the order is recorded with the campaign, and
     * each agent's ack shows in the member's record.
     *
     * @param startTime milliseconds since the epoch when the stage may start, 0 for now
     * @param endTime milliseconds since the epoch before which it must start, 0 for no end
     * @param thingKeys the members to approve, or empty for every member not completed that has its update (in a
     *     campaign that waits for acceptance: that has accepted)
     * @throws IllegalArgumentException naming the option for an unknown campaign, a draft or cancelled one, a
     *     thing that is not a member or has not accepted yet, a bad window, or when no chosen member is left to
     *     approve
     */
    public ApprovalOrder approve(String id, String type, long startTime, long endTime, List<String> thingKeys) {
        ApprovalOrder order = data.locked(() -> {
            Campaign campaign = find(id).orElseThrow(() -> new IllegalArgumentException("ID: no campaign '" + id
                    + "'"));
            if (campaign.cancelled()) {
                throw new IllegalArgumentException("ID: campaign " + id + " was cancelled at "
                        + campaign.cancelledOn().get() + "; there is nothing to approve");
            }
            if (!campaign.started()) {
                throw new IllegalArgumentException("ID: campaign " + id + " is a draft; start it first");
            }
            for (String key : thingKeys) {
                if (campaign.members().stream().noneMatch(m -> m.thingKey().equals(key))) {
                    throw new IllegalArgumentException("things: " + key + " is not a member of campaign " + id);
                }
                if (!campaign.sendsTo(key)) {
                    throw new IllegalArgumentException("things: " + key + " has not accepted campaign " + id
                            + " yet; nothing is sent it until it does (campaign status shows it Offered)");
                }
            }
            Instant now = clock.instant();
            new ApprovalOrder(type, startTime, endTime, now, List.of()); // refuses a bad type or window first
            List<Campaign.Member> chosen = new ArrayList<>();
            int waiting = 0;
            for (MemberRecord record : status(campaign).members()) {
                if (record.waitingForAcceptance() && (thingKeys.isEmpty() || thingKeys.contains(record.thingKey()))) {
                    waiting++;
                }
                // A member that has not accepted has no update to approve: it is sent nothing until it accepts.
                if (!record.completed() && !record.waitingForAcceptance()
                        && (thingKeys.isEmpty() || thingKeys.contains(record.thingKey()))) {
                    chosen.add(new Campaign.Member(record.thingKey(), newMailboxId()));
                }
            }
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("things: every chosen member of campaign " + id
                        + (waiting == 0 ? " has completed" : " has completed or has not accepted it yet (" + waiting
                        + " waiting for acceptance)") + "; there is nothing to approve");
            }
            ApprovalOrder made = new ApprovalOrder(type, startTime, endTime, now, chosen);
            data.write(file(id), campaign.approved(made));
            ObjectNode params = Params.builder().put("type", type).put("campaignId", id).put("startTime", startTime)
                    .put("endTime", endTime).build().toJson();
            mailboxes.send(chosen.stream().map(member -> MailboxItem.queued(member.mailboxId(), member.thingKey(),
                    Optional.of(id), SCHEDULE_METHOD, params.deepCopy(), -1, now)).toList());
            return made;
        });
        order.sentTo().forEach(member -> notices.request(member.thingKey()));
        return order;
    }

    /**
     * Cancels a campaign: each member not completed yet ends {@code failure} with {@code -91008}. A message
     * not handed out yet is withdrawn, and so is a {@code gateway.sup.schedule} of {@link #approve}; a gateway that already took its message may finish, and its ack is
     * answered but changes nothing. Cancelling again changes nothing.
     *
     * @throws IllegalArgumentException when there is no such campaign, or every member had completed
     */
    public Cancellation cancel(String id) {
        return data.locked(() -> {
            Campaign campaign = find(id).orElseThrow(() -> new IllegalArgumentException("ID: no campaign '" + id
                    + "'"));
            if (campaign.cancelled()) {
                return new Cancellation(campaign, 0, 0, 0);
            }
            CampaignStatus before = status(campaign);
            if (before.state().equals(CampaignStatus.COMPLETED)) {
                throw new IllegalArgumentException("ID: campaign " + id + " has completed (every member has its "
                        + "result); there is nothing to cancel");
            }
            Instant now = clock.instant();
            Campaign cancelled = campaign.cancelledAt(now);
            data.write(file(id), cancelled);
            int withdrawn = 0;
            int stopped = 0;
            int completed = 0;
            for (MemberRecord record : before.members()) {
                if (record.completed()) {
                    completed++;
                    continue;
                }
                if (record.status().equals(MemberRecord.IN_PROGRESS)) {
                    stopped++;
                } else {
                    withdrawn++;
                }
                if (campaign.started()) {
                    mailboxes.cancel(record.thingKey(), record.mailboxId(), id, now);
                }
            }
            // An approval no gateway took yet must not let a held stage go on after the cancel.
            for (ApprovalOrder order : campaign.approvals()) {
                order.sentTo().forEach(sent -> mailboxes.cancel(sent.thingKey(), sent.mailboxId(), id, now));
            }
            return new Cancellation(cancelled, withdrawn, stopped, completed);
        });
    }

    /**
     * What a cancel did.
     *
     * @param campaign the campaign as cancelled
     * @param withdrawn members whose message no gateway had taken: it never will
     * @param stopped members whose gateway had taken its message: it may finish, unrecorded
     * @param alreadyCompleted members that had their result, kept
     */
    public record Cancellation(Campaign campaign, int withdrawn, int stopped, int alreadyCompleted) {
    }

    public Optional<Campaign> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return data.read(file(id), Campaign.class);
    }

    /** The campaign with its members' records. */
    public Optional<CampaignStatus> status(String id) {
        return find(id).map(this::status);
    }

    /**
     * The campaign with its members' records as they stand now: a member past its ack deadline shows as the
     * failure it is, even before the serving portal's sweep (or its next ack) writes it so.
     */
    public CampaignStatus status(Campaign campaign) {
        Instant now = clock.instant();
        List<MemberRecord> records = new ArrayList<>();
        for (Campaign.Member member : campaign.members()) {
            Optional<MailboxItem> item = campaign.started() ? mailboxes.find(member.thingKey(), member.mailboxId())
                    .map(found -> found.asOf(now)) : Optional.empty();
            MemberRecord record = item.map(m -> MemberRecord.of(m, telemetry.logs(member.thingKey(),
                    line -> line.corrId().equals(Optional.of(member.mailboxId())))))
                    .orElseGet(() -> campaign.cancelledOn().map(at -> MemberRecord.cancelled(member, campaign.id(), at))
                            .orElseGet(() -> campaign.started() && !campaign.sendsTo(member.thingKey())
                                    ? MemberRecord.offered(member) : MemberRecord.ready(member)));
            // Only a report that names this member's message is its state: one of another job, or of none
            // (an update check's INVENTORY_UP_TO_DATE), never changes the record.
            // (The attribute itself counts when it names the message: a data directory from before update-states.json.)
            Optional<AgentState> state = Optional.ofNullable(telemetry.updateStates(member.thingKey())
                    .get(member.mailboxId())).or(() -> Optional.ofNullable(telemetry.attributes(member.thingKey())
                    .get(AgentState.ATTRIBUTE))).flatMap(a -> AgentState.of(a, member.mailboxId(), data.json()));
            List<ApprovalRecord> approvals = new ArrayList<>();
            for (ApprovalOrder order : campaign.approvals()) {
                order.sentTo().stream().filter(sent -> sent.thingKey().equals(member.thingKey()))
                        .forEach(sent -> approvals.add(ApprovalRecord.of(order, sent.mailboxId(),
                                mailboxes.find(sent.thingKey(), sent.mailboxId()))));
            }
            records.add(record.with(state, approvals));
        }
        return CampaignStatus.of(campaign, records);
    }

    /** Every campaign, by id. */
    public List<Campaign> all() {
        Path dir = data.resolve("campaigns");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Campaign> campaigns = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .forEach(n -> find(n.substring(0, n.length() - ".json".length())).ifPresent(campaigns::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return campaigns;
    }

    private String nextId() {
        Path counter = data.resolve("campaigns").resolve("next-id");
        long next = 1;
        try {
            if (Files.exists(counter)) {
                next = Long.parseLong(Files.readString(counter, StandardCharsets.UTF_8).trim());
            }
        } catch (IOException | NumberFormatException e) {
            throw new StoreException("campaigns/next-id: cannot be read: " + e.getMessage());
        }
        DataDir.writeAtomically(counter, Long.toString(next + 1).getBytes(StandardCharsets.UTF_8));
        return String.format("C%04d", next);
    }

    private static String newMailboxId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "M" + HexFormat.of().formatHex(bytes);
    }

    private Path file(String id) {
        return data.resolve("campaigns").resolve(id + ".json");
    }
}
