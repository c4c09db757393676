package org.suptools.tr50;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The params of a successful {@code gateway.sup.campaigns} reply: {@code {"campaigns": [...]}}, each
 * campaign that has the asking thing as a member, oldest first.
 */
public record CampaignListResult(List<Campaign> campaigns) {

    public CampaignListResult {
        campaigns = Checks.list("campaigns", campaigns);
    }

    /**
     * One campaign as the gateway sees it.
     *
     * @param id such as {@code C0001}: what {@code gateway.sup.campaign.accept} takes
     * @param name its name
     * @param fileName the {@code .sup} it sends
     * @param state {@code Draft}, {@code Running}, {@code Completed} or {@code Cancelled}
     * @param memberStatus this gateway's member record: {@code Ready}, {@code In Progress}, {@code Completed}, or
     *     {@code Waiting} while a campaign that needs acceptance waits for it
     * @param result {@code success} or {@code failure} once completed
     * @param acceptance whether the campaign sends the update only once the gateway accepts it
     * @param accepted whether this gateway accepted it
     * @param mailboxId the id of this gateway's {@code gateway.sup.update} message
     * @param approvalDownload whether the campaign holds the download for an approval
     * @param approvalExecution whether it holds the install for an approval
     */
    public record Campaign(String id, String name, String fileName, String state, String memberStatus,
            Optional<String> result, boolean acceptance, boolean accepted, String mailboxId, boolean approvalDownload,
            boolean approvalExecution) {

        public Campaign {
            Checks.singleLine("id", id);
            Checks.present("name", name);
            Checks.singleLine("fileName", fileName);
            Checks.singleLine("state", state);
            Checks.singleLine("memberStatus", memberStatus);
            result = Checks.optional("result", result);
            Checks.singleLine("mailboxId", mailboxId);
        }

        Params toParams() {
            Params.Builder out = Params.builder().put("id", id).put("name", name).put("fileName", fileName)
                    .put("state", state).put("memberStatus", memberStatus);
            result.ifPresent(r -> out.put("result", r));
            return out.put("acceptance", acceptance).put("accepted", accepted).put("mailboxId", mailboxId)
                    .put("approval", Params.builder().put("download", approvalDownload)
                            .put("execution", approvalExecution).build()).build();
        }
    }

    public Params toParams() {
        com.fasterxml.jackson.databind.node.ArrayNode list = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.arrayNode();
        campaigns.forEach(c -> list.add(c.toParams().toJson()));
        return Params.builder().put("campaigns", list).build();
    }

    /**
     * Reads the params of a {@code gateway.sup.campaigns} reply.
     *
     * @throws Tr50Exception naming the field, such as {@code campaigns[0].id}
     */
    public static CampaignListResult read(Params params) throws Tr50Exception {
        FieldReader in = FieldReader.of(params, Location.root());
        List<JsonNode> entries = in.array("campaigns");
        List<Campaign> campaigns = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            FieldReader c = FieldReader.of(entries.get(i), in.location().field("campaigns").index(i), "a campaign");
            String id = c.string("id");
            String name = c.string("name");
            String fileName = c.string("fileName");
            String state = c.string("state");
            String memberStatus = c.string("memberStatus");
            Optional<String> result = c.optionalString("result");
            boolean acceptance = c.optionalBool("acceptance").orElse(false);
            boolean accepted = c.optionalBool("accepted").orElse(false);
            String mailboxId = c.string("mailboxId");
            Optional<Params> approval = c.optionalParams("approval");
            boolean download = approval.flatMap(a -> a.get("download")).map(JsonNode::asBoolean).orElse(false);
            boolean execution = approval.flatMap(a -> a.get("execution")).map(JsonNode::asBoolean).orElse(false);
            campaigns.add(c.build(() -> new Campaign(id, name, fileName, state, memberStatus, result, acceptance,
                    accepted, mailboxId, download, execution)));
        }
        return in.build(() -> new CampaignListResult(campaigns));
    }
}
