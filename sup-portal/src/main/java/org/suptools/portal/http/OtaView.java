package org.suptools.portal.http;

import java.util.List;
import java.util.Optional;
import org.suptools.portal.store.Ota;
import org.suptools.portal.store.OtaConfig;
import org.suptools.portal.store.OtaDevice;

/**
 * The plain HTTP backend as {@code /api/ota} and {@code ota show --json} show it: the offer (with whether
 * its Developer File still holds the offered bytes), the settings, and what each device reported.
 */
public record OtaView(Optional<Offer> offer, List<OtaConfig.Setting> settings, List<OtaDevice> devices) {

    /** The offer without its blob name, which is the store's business. */
    public record Offer(String fileName, String name, String version, long size, String sha256, boolean offered) {
    }

    public static OtaView of(Ota ota) {
        OtaConfig config = ota.config();
        boolean current = ota.offeredPackage().isPresent();
        return new OtaView(config.offer().map(o -> new Offer(o.fileName(), o.name(), o.version(), o.size(), o.sha256(),
                current)), config.settings(), ota.devices());
    }
}
