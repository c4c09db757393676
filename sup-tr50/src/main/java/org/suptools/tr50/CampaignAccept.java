package org.suptools.tr50;

/**
 * {@code gateway.sup.campaign.accept {campaignId}}: a gateway taking a campaign that targets it (seed
 * 004's campaign accept). The portal emulator then puts the gateway's {@code gateway.sup.update} in its
 * mailbox, or answers that it is there already; accepting again is harmless. The reply's params are
 * {@code {campaignId, mailboxId, accepted}}, {@code accepted} false when it had been accepted before.
 *
 * @param campaignId the campaign, as {@code gateway.sup.campaigns} lists it
 */
public record CampaignAccept(String campaignId) implements Tr50Command {

    public static final String NAME = "gateway.sup.campaign.accept";

    public CampaignAccept {
        Checks.singleLine("campaignId", campaignId);
    }

    @Override
    public String commandName() {
        return NAME;
    }

    @Override
    public Params toParams() {
        return Params.builder().put("campaignId", campaignId).build();
    }

    static CampaignAccept read(FieldReader in) throws Tr50Exception {
        String campaignId = in.string("campaignId");
        return in.build(() -> new CampaignAccept(campaignId));
    }
}
