package org.suptools.tr50;

import java.util.Optional;
import java.util.Set;

/**
 * The params of the {@code gateway.sup.update} method a campaign runs: {@code {name, timeout}}, as
 * in the public examples. The portal may send more; their meaning is not public, so every other
 * field is kept in {@link #others}, in its order, and written back after the known ones.
 *
 * @param name the SUP's Developer File name without {@code .sup}
 * @param timeout seconds the campaign waits for the gateway's answer
 * @param others every other field, as sent
 */
public record GatewaySupUpdate(String name, Optional<Integer> timeout, Params others) {

    public static final String METHOD = "gateway.sup.update";

    private static final Set<String> KNOWN = Set.of("name", "timeout");

    public GatewaySupUpdate {
        Checks.singleLine("name", name);
        Checks.atLeast("timeout", 1, timeout);
        Checks.present("others", others);
        for (String other : others.names()) {
            if (KNOWN.stream().anyMatch(other::equalsIgnoreCase)) {
                throw new InvalidFieldException(other, "is a known field, not one of the others");
            }
        }
    }

    public static GatewaySupUpdate of(String name, int timeout) {
        return new GatewaySupUpdate(name, Optional.of(timeout), Params.empty());
    }

    /** The Developer File a gateway fetches: the name with {@code .sup}. */
    public String fileName() {
        return name + ".sup";
    }

    public Params toParams() {
        Params.Builder out = Params.builder().put("name", name);
        timeout.ifPresent(v -> out.put("timeout", v));
        return out.putAll(others).build();
    }

    /**
     * Reads the params of a {@code gateway.sup.update} call.
     *
     * @throws Tr50Exception naming the field, such as {@code timeout}
     */
    public static GatewaySupUpdate read(Params params) throws Tr50Exception {
        FieldReader in = FieldReader.of(params, Location.root());
        String name = in.string("name");
        Optional<Integer> timeout = in.optionalInteger("timeout");
        Params others = in.others(KNOWN);
        return in.build(() -> new GatewaySupUpdate(name, timeout, others));
    }
}
