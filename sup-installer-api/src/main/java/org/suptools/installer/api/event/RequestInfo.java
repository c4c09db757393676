package org.suptools.installer.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Who asked for the install: a campaign (its id and the TR50 mailbox message to acknowledge) or a
 * person by hand ({@code manual}, nothing reported to a campaign), and the gateway's thing key.
 */
public record RequestInfo(Optional<String> campaignId, Optional<String> mailboxId, Optional<String> thingKey) {

    public RequestInfo {
        campaignId = campaignId == null ? Optional.empty() : campaignId;
        mailboxId = mailboxId == null ? Optional.empty() : mailboxId;
        thingKey = thingKey == null ? Optional.empty() : thingKey;
    }

    public static RequestInfo manual(Optional<String> thingKey) {
        return new RequestInfo(Optional.empty(), Optional.empty(), thingKey);
    }

    /** {@code campaign} when a campaign or mailbox message asked for it, else {@code manual}. */
    @JsonProperty("source")
    public String source() {
        return campaignId.isPresent() || mailboxId.isPresent() ? "campaign" : "manual";
    }
}
