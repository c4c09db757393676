package org.suptools.tr50;

/**
 * {@code gateway.sup.campaigns {}}: a gateway asking which campaigns target it (seed 004's campaign
 * check). Not a command of the real portal's public record: the portal emulator's, documented in
 * portal.md. The reply's params are a {@link CampaignListResult}.
 */
public record CampaignList() implements Tr50Command {

    public static final String NAME = "gateway.sup.campaigns";

    @Override
    public String commandName() {
        return NAME;
    }

    @Override
    public Params toParams() {
        return Params.empty();
    }

    static CampaignList read(FieldReader in) {
        return new CampaignList();
    }
}
