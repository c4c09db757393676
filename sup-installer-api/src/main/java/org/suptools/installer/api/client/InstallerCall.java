package org.suptools.installer.api.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code sup-installer install FILE.sup --config GATEWAY_CONFIG --events} as a caller asks
 * for it: by hand (the Workbench) or for a campaign (its id, the mailbox message to acknowledge,
 * the file the TR50 reply is also written to).
 *
 * @param installer the installer's launcher command, such as {@code [/opt/sup/bin/sup-installer]}
 */
public record InstallerCall(List<String> installer, Path packageFile, Path config, boolean dryRun,
        Optional<String> campaignId, Optional<String> mailboxId, Optional<String> thingKey,
        Optional<Path> tr50Reply) {

    public InstallerCall {
        installer = List.copyOf(installer);
        Objects.requireNonNull(packageFile, "packageFile");
        Objects.requireNonNull(config, "config");
        campaignId = campaignId == null ? Optional.empty() : campaignId;
        mailboxId = mailboxId == null ? Optional.empty() : mailboxId;
        thingKey = thingKey == null ? Optional.empty() : thingKey;
        tr50Reply = tr50Reply == null ? Optional.empty() : tr50Reply;
    }

    /** An install by hand: nothing is reported to a campaign. */
    public static InstallerCall manual(List<String> installer, Path packageFile, Path config, boolean dryRun) {
        return new InstallerCall(installer, packageFile, config, dryRun, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public InstallerCall forMailbox(String mailboxId) {
        return new InstallerCall(installer, packageFile, config, dryRun, campaignId, Optional.of(mailboxId), thingKey,
                tr50Reply);
    }

    public InstallerCall forCampaign(String campaignId, String mailboxId, Path replyFile) {
        return new InstallerCall(installer, packageFile, config, dryRun, Optional.of(campaignId),
                Optional.of(mailboxId), thingKey, Optional.of(replyFile));
    }

    /** The command line, in the order the installer's help lists the options. */
    public List<String> command() {
        List<String> command = new ArrayList<>(installer);
        command.addAll(List.of("install", packageFile.toString(), "--config", config.toString(), "--events"));
        if (dryRun) {
            command.add("--dry-run");
        }
        campaignId.ifPresent(id -> command.addAll(List.of("--campaign-id", id)));
        mailboxId.ifPresent(id -> command.addAll(List.of("--mailbox-id", id)));
        thingKey.ifPresent(key -> command.addAll(List.of("--thing-key", key)));
        tr50Reply.ifPresent(file -> command.addAll(List.of("--tr50-reply", file.toString())));
        return command;
    }
}
