package org.suptools.portal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.suptools.portal.files.FileIds;
import org.suptools.portal.releases.DeviceDescription;
import org.suptools.portal.store.Release;
import org.suptools.portal.store.Releases;
import org.suptools.portal.store.StoredFile;
import org.suptools.tr50.PortalErrorCodes;
import org.suptools.tr50.Tr50Result;
import org.suptools.tr50.UpdateCheck;
import org.suptools.tr50.UpdateCheckResult;

/**
 * Answers {@code update.check {device, name?}}, a gateway asking for an update on its own: with the newest
 * release whose distribution policy selects the device and that is newer than what it has installed, with a
 * single-use file id to download it as {@code file.get} gives one, or {@code {"upToDate": true}}. The device
 * is the thing that sent the command: a description naming another thing key is refused.
 */
final class UpdateCheckAnswer {

    private final Releases releases;
    private final FileIds fileIds;

    UpdateCheckAnswer(Releases releases, FileIds fileIds) {
        this.releases = releases;
        this.fileIds = fileIds;
    }

    Tr50Result answer(String thingKey, UpdateCheck check) {
        ObjectNode device = check.device().toJson();
        JsonNode named = device.get("thingKey");
        if (named != null && !(named.isTextual() && named.asText().equals(thingKey))) {
            return Tr50Result.failure(PortalErrorCodes.NOT_AUTHORIZED, UpdateCheck.NAME + ": a thing may check only"
                    + " for itself, not for '" + named.asText() + "'");
        }
        device.put("thingKey", thingKey);
        DeviceDescription description = DeviceDescription.of(device);
        Optional<Release> release = releases.newestFor(description, check.name());
        // The file may be deleted or replaced between the two reads: then the gateway is, for now, up to date.
        Optional<StoredFile> file = release.flatMap(releases::file);
        if (release.isEmpty() || file.isEmpty()) {
            return Tr50Result.success(UpdateCheckResult.upToDate().toParams());
        }
        Release found = release.get();
        String fileId = fileIds.issue(new FileIds.Download(found.fileName(), releases.bytes(file.get()), found.size()));
        return Tr50Result.success(new UpdateCheckResult(Optional.of(new UpdateCheckResult.Update(found.name(),
                found.version(), description.installed(found.name()).map(Object::toString), found.fileName(), fileId,
                found.size(), found.crc32(), found.sha256()))).toParams());
    }
}
