package org.suptools.model.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.suptools.model.action.Action;
import org.suptools.model.manifest.Target;
import org.suptools.model.version.SemVer;

/**
 * Who a gateway is, as package targets and {@code when} conditions see it: its product, OS,
 * architecture and the runtime version installed. The installer reads it from its gateway
 * configuration; {@code sup plan} from the same file or from its command line.
 */
public record GatewayProfile(String product, String os, String architecture, SemVer runtimeVersion) {

    public GatewayProfile {
        requireText(product, "product");
        requireText(os, "os");
        requireText(architecture, "architecture");
        if (runtimeVersion == null) {
            throw new IllegalArgumentException("runtimeVersion: is required");
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": is required");
        }
    }

    /** The same gateway after a firmware update brought another runtime version. */
    public GatewayProfile withRuntimeVersion(SemVer version) {
        return new GatewayProfile(product, os, architecture, version);
    }

    /**
     * Why a target is not for this gateway, one reason for each field it does not match
     * ({@code product is dw-edge, not dw-gateway}); empty when the target is for this gateway.
     * {@code *} matches anything; a target without a runtime-version range, any runtime.
     */
    public List<String> mismatches(Target target) {
        List<String> reasons = new ArrayList<>();
        mismatch("product", product, target.product(), reasons);
        mismatch("os", os, target.os(), reasons);
        mismatch("architecture", architecture, target.architecture(), reasons);
        target.runtimeVersion()
                .filter(range -> !range.contains(runtimeVersion))
                .ifPresent(range -> reasons.add("runtime " + runtimeVersion + " is outside " + range));
        return reasons;
    }

    private static void mismatch(String field, String actual, String wanted, List<String> reasons) {
        if (!Target.ANY.equals(wanted) && !wanted.equals(actual)) {
            reasons.add(field + " is " + actual + ", not " + wanted);
        }
    }

    /**
     * Why an action does not run on this gateway: its {@code when} condition names another OS,
     * product or architecture. Empty when the action runs (it has no condition, or the condition matches).
     */
    public Optional<String> skipReason(Action action) {
        return action.header().when()
                .filter(when -> !when.matches(os, product, architecture))
                .map(when -> "condition " + when.summary() + " does not match this gateway (os=" + os + " product="
                        + product + " architecture=" + architecture + ")");
    }

    /** {@code dw-gateway/linux/x86_64 runtime 5.1.0}, the form target lists use. */
    @Override
    public String toString() {
        return product + "/" + os + "/" + architecture + " runtime " + runtimeVersion;
    }
}
