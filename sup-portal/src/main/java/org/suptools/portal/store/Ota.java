package org.suptools.portal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.suptools.model.manifest.Manifest;

/**
 * The plain HTTP backend's state: {@code ota/config.json} (the offered package and the settings) and
 * {@code ota/devices/<key>.json} (each device's last check and notifications), every change under the
 * data directory's lock and written atomically.
 */
public final class Ota {

    private final DataDir data;
    private final Clock clock;
    private final FileStore developerFiles;

    public Ota(DataDir data, Clock clock) {
        this.data = data;
        this.clock = clock;
        this.developerFiles = FileStore.developerFiles(data, clock);
    }

    public OtaConfig config() {
        return data.read(configFile(), OtaConfig.class).orElse(OtaConfig.none());
    }

    /**
     * Offers a .sup Developer File to every device whose version check posts an older version.
     *
     * @throws IllegalArgumentException if there is no such file or it is not a readable .sup
     */
    public OtaConfig.Offer offer(String fileName) {
        return data.locked(() -> {
            StoredFile file = developerFiles.find(fileName).orElseThrow(() -> new IllegalArgumentException(
                    "FILE: no Developer File named " + Names.quote(fileName) + " (upload it first)"));
            if (!file.isSup()) {
                throw new IllegalArgumentException("FILE: " + fileName + " is not a .sup");
            }
            Path bytes = developerFiles.bytes(file);
            Manifest manifest = SupFiles.manifest(bytes, fileName);
            OtaConfig.Offer offer = new OtaConfig.Offer(file.name(), file.blob(), manifest.name(),
                    manifest.version().toString(), file.size(), SupFiles.sha256(bytes, fileName));
            data.write(configFile(), config().withOffer(Optional.of(offer)));
            return offer;
        });
    }

    /** Offers no package: every version check is answered {@code upgrade: 0}. */
    public void withdrawOffer() {
        data.locked(() -> data.write(configFile(), config().withOffer(Optional.empty())));
    }

    public OtaConfig set(String key, String val) {
        return change(config -> config.with(key, val));
    }

    public OtaConfig unset(String key) {
        return change(config -> config.without(key));
    }

    /** The offer and where its bytes are, while the Developer File still holds the bytes that were offered. */
    public Optional<OtaPackage> offeredPackage() {
        return config().offer().flatMap(offer -> developerFiles.find(offer.fileName())
                .filter(file -> file.blob().equals(offer.blob()))
                .map(file -> new OtaPackage(offer, developerFiles.bytes(file))));
    }

    /** The offer and its bytes. */
    public record OtaPackage(OtaConfig.Offer offer, Path bytes) {
    }

    public void recordCheck(String thingKey, OtaDevice.Check check) {
        changeDevice(thingKey, device -> device.checked(check));
    }

    public void recordNotification(String thingKey, String result) {
        changeDevice(thingKey, device -> device.notified(new OtaDevice.Notification(clock.instant(), result)));
    }

    public Optional<OtaDevice> device(String thingKey) {
        if (!Names.isThingKey(thingKey)) {
            return Optional.empty();
        }
        return data.read(deviceFile(thingKey), OtaDevice.class);
    }

    /** Every device the backend heard from, by key. */
    public List<OtaDevice> devices() {
        Path dir = data.resolve("ota").resolve("devices");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<OtaDevice> devices = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .forEach(n -> device(n.substring(0, n.length() - ".json".length())).ifPresent(devices::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return devices;
    }

    private OtaConfig change(java.util.function.UnaryOperator<OtaConfig> change) {
        return data.locked(() -> {
            OtaConfig next = change.apply(config());
            data.write(configFile(), next);
            return next;
        });
    }

    private void changeDevice(String thingKey, java.util.function.UnaryOperator<OtaDevice> change) {
        Names.thingKey("thingKey", thingKey);
        data.locked(() -> data.write(deviceFile(thingKey), change.apply(device(thingKey)
                .orElse(new OtaDevice(thingKey, Optional.empty(), List.of())))));
    }

    private Path configFile() {
        return data.resolve("ota").resolve("config.json");
    }

    private Path deviceFile(String thingKey) {
        return data.resolve("ota").resolve("devices").resolve(thingKey + ".json");
    }
}
