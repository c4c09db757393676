package org.suptools.tr50;

import java.util.Optional;

/**
 * {@code update.check {device, name}}: a gateway asking on its own for an update (not a campaign): it sends
 * its description and is answered with the newest release meant for it. Not a command of the real portal's
 * public record: the portal emulator's, documented in portal.md. The reply's params are an
 * {@link UpdateCheckResult}.
 *
 * @param device the gateway's description: identity ({@code thingKey}, {@code product}, {@code os},
 *     {@code architecture}), {@code runtimeVersion}, and {@code packages} by name, each {@code {version}}
 * @param name only releases of this package, when present
 */
public record UpdateCheck(Params device, Optional<String> name) implements Tr50Command {

    public static final String NAME = "update.check";

    public UpdateCheck {
        Checks.present("device", device);
        Checks.nonBlank("name", name);
    }

    @Override
    public String commandName() {
        return NAME;
    }

    @Override
    public Params toParams() {
        Params.Builder out = Params.builder().put("device", device);
        name.ifPresent(v -> out.put("name", v));
        return out.build();
    }

    static UpdateCheck read(FieldReader in) throws Tr50Exception {
        in.required("device");
        Params device = in.params("device");
        Optional<String> name = in.optionalString("name");
        return in.build(() -> new UpdateCheck(device, name));
    }
}
