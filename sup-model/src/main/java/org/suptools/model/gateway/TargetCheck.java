package org.suptools.model.gateway;

import java.util.List;
import org.suptools.model.manifest.Target;

/** One target of a package held against a gateway: why it does not match, if it does not. */
public record TargetCheck(Target target, List<String> mismatches) {

    public TargetCheck {
        mismatches = List.copyOf(mismatches);
    }

    public static TargetCheck of(Target target, GatewayProfile gateway) {
        return new TargetCheck(target, gateway.mismatches(target));
    }

    public boolean matches() {
        return mismatches.isEmpty();
    }
}
