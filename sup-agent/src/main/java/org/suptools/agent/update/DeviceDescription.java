package org.suptools.agent.update;

import java.io.IOException;
import org.suptools.tr50.Params;

/**
 * What the gateway says of itself in an {@code update.check}: its identity ({@code thingKey},
 * {@code product}, {@code os}, {@code architecture}, {@code runtimeVersion}) and its installed
 * packages ({@code packages}, by name, each {@code {version}}), as portal.md describes them.
 */
@FunctionalInterface
public interface DeviceDescription {

    /**
     * @throws IOException when the gateway's installer state cannot be read; nothing is checked then
     */
    Params describe() throws IOException, InterruptedException;
}
