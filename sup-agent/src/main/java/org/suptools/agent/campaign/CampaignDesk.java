package org.suptools.agent.campaign;

import java.io.IOException;
import java.util.List;
import org.suptools.agent.link.Tr50Link;
import org.suptools.tr50.CampaignAccept;
import org.suptools.tr50.CampaignList;
import org.suptools.tr50.CampaignListResult;
import org.suptools.tr50.Params;
import org.suptools.tr50.RequestId;
import org.suptools.tr50.Tr50Command;
import org.suptools.tr50.Tr50Exception;
import org.suptools.tr50.Tr50Request;
import org.suptools.tr50.Tr50Result;

/**
 * Seed 004's campaign check and accept, over the agent's link: which campaigns target this gateway
 * ({@code gateway.sup.campaigns}), and taking one ({@code gateway.sup.campaign.accept}). Both are
 * safe to repeat: a reply lost on the way is asked for again and says the same.
 */
public final class CampaignDesk {

    private final Tr50Link link;

    public CampaignDesk(Tr50Link link) {
        this.link = link;
    }

    /** The portal refused the request; its code and message. */
    public static final class Refused extends Exception {
        private final int code;

        public Refused(int code, String message) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /**
     * What an accept did.
     *
     * @param mailboxId the gateway's {@code gateway.sup.update} message for the campaign
     * @param newly true when this accept queued it; false when it was accepted before or needed no acceptance
     */
    public record Accepted(String campaignId, String mailboxId, boolean newly) {
    }

    /** @throws IOException when the portal cannot be reached or does not answer in time */
    public List<CampaignListResult.Campaign> campaigns() throws IOException, InterruptedException, Refused {
        Params params = call(new CampaignList());
        try {
            return CampaignListResult.read(params).campaigns();
        } catch (Tr50Exception e) {
            throw new IOException("the reply to " + CampaignList.NAME + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** @throws Refused when the portal refuses: not a campaign of this gateway, a draft, a cancelled one */
    public Accepted accept(String campaignId) throws IOException, InterruptedException, Refused {
        Params params = call(new CampaignAccept(campaignId));
        String mailboxId = params.get("mailboxId").map(n -> n.asText()).orElseThrow(() -> new IOException(
                "the reply to " + CampaignAccept.NAME + " has no mailboxId"));
        boolean newly = params.get("accepted").map(n -> n.asBoolean()).orElse(false);
        return new Accepted(campaignId, mailboxId, newly);
    }

    private Params call(Tr50Command command) throws IOException, InterruptedException, Refused {
        Tr50Result result = link.call(Tr50Request.of(command)).result(RequestId.of(1))
                .orElseThrow(() -> new IOException("the reply to " + command.commandName() + " has no result"));
        if (result instanceof Tr50Result.Failure failure) {
            int code = failure.errorCodes().isEmpty() ? 0 : failure.errorCodes().get(0);
            String message = failure.errorMessages().isEmpty() ? failure.describe()
                    : String.join("; ", failure.errorMessages());
            throw new Refused(code, message);
        }
        return ((Tr50Result.Success) result).params();
    }
}
