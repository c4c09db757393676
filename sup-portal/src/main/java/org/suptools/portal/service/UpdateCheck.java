package org.suptools.portal.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.suptools.portal.files.FileIds;
import org.suptools.portal.releases.DeviceDescription;
import org.suptools.portal.store.Release;
import org.suptools.portal.store.Releases;
import org.suptools.portal.store.StoredFile;
import org.suptools.tr50.Params;
import org.suptools.tr50.PortalErrorCodes;
import org.suptools.tr50.Tr50Result;

/**
 * {@code update.check {device, name?}}, a gateway asking for an update on its own: answered with the
 * newest release whose distribution policy selects the device and that is newer than what it has installed,
 * with a single-use file id to download it as {@code file.get} gives one, or {@code {"upToDate": true}}.
 * The device is the thing that sent the command: a description naming another thing key is refused.
 */
final class UpdateCheck {

    /** The command's name on the wire; sup-tr50 reads it as an unknown command, its params kept as sent. */
    static final String NAME = "update.check";

    private final Releases releases;
    private final FileIds fileIds;

    UpdateCheck(Releases releases, FileIds fileIds) {
        this.releases = releases;
        this.fileIds = fileIds;
    }

    Tr50Result answer(String thingKey, Params params) {
        Optional<JsonNode> deviceJson = params.get("device");
        if (deviceJson.isEmpty() || !deviceJson.get().isObject()) {
            return invalid("device: is required, a JSON object describing the gateway");
        }
        Optional<String> onlyName = Optional.empty();
        Optional<JsonNode> name = params.get("name");
        if (name.isPresent()) {
            if (!name.get().isTextual()) {
                return invalid("name: must be a package name");
            }
            onlyName = Optional.of(name.get().asText());
        }
        ObjectDevice device = ObjectDevice.of(thingKey, deviceJson.get());
        if (device.otherKey().isPresent()) {
            return Tr50Result.failure(PortalErrorCodes.NOT_AUTHORIZED, NAME + ": a thing may check only for itself,"
                    + " not for '" + device.otherKey().get() + "'");
        }
        Optional<Release> release = releases.newestFor(device.description(), onlyName);
        if (release.isEmpty()) {
            return Tr50Result.success(Params.builder().put("upToDate", true).build());
        }
        Release found = release.get();
        Optional<StoredFile> file = releases.file(found);
        if (file.isEmpty()) {
            // Deleted between the two reads: as if it had not been there.
            return Tr50Result.success(Params.builder().put("upToDate", true).build());
        }
        String fileId = fileIds.issue(new FileIds.Download(found.fileName(), releases.bytes(file.get()), found.size()));
        Params.Builder out = Params.builder().put("upToDate", false).put("name", found.name())
                .put("version", found.version());
        device.description().installed(found.name()).ifPresent(v -> out.put("installedVersion", v.toString()));
        return Tr50Result.success(out.put("fileName", found.fileName()).put("fileId", fileId)
                .put("fileSize", found.size()).put("crc32", found.crc32()).put("sha256", found.sha256()).build());
    }

    private static Tr50Result invalid(String problem) {
        return Tr50Result.failure(PortalErrorCodes.INVALID_PARAMS, NAME + ": " + problem);
    }

    /** The description with the sender's thing key filled in when it names none. */
    private record ObjectDevice(DeviceDescription description, Optional<String> otherKey) {

        static ObjectDevice of(String thingKey, JsonNode json) {
            com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode) json;
            JsonNode named = node.get("thingKey");
            if (named != null && !(named.isTextual() && named.asText().equals(thingKey))) {
                return new ObjectDevice(DeviceDescription.of(node), Optional.of(named.asText()));
            }
            node.put("thingKey", thingKey);
            return new ObjectDevice(DeviceDescription.of(node), Optional.empty());
        }
    }
}
