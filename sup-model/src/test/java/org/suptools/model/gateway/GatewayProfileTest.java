package org.suptools.model.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.suptools.model.action.ActionHeader;
import org.suptools.model.action.Condition;
import org.suptools.model.action.ErrorPolicy;
import org.suptools.model.action.RuntimeRestart;
import org.suptools.model.manifest.Target;
import org.suptools.model.version.SemVer;
import org.suptools.model.version.VersionRange;

class GatewayProfileTest {

    static final GatewayProfile EDGE = new GatewayProfile("dw-edge", "linux", "aarch64", SemVer.parse("1.4.0"));

    static Target target(String product, String os, String architecture, String runtime) {
        return new Target(product, os, architecture, Optional.ofNullable(runtime).map(VersionRange::parse));
    }

    static RuntimeRestart restartWhen(Condition when) {
        return new RuntimeRestart(new ActionHeader("restart", Optional.empty(), Optional.ofNullable(when),
                Optional.empty(), ErrorPolicy.FAIL));
    }

    @Test
    void mismatches_isEmpty_forATargetOfThisGateway_withWildcardsAndARangeThatHoldsTheRuntime() {
        assertThat(EDGE.mismatches(target("dw-edge", "linux", "aarch64", null))).isEmpty();
        assertThat(EDGE.mismatches(target("*", "*", "*", ">=1.0.0 <2.0.0"))).isEmpty();
    }

    @Test
    void mismatches_namesEveryFieldThatDiffers() {
        assertThat(EDGE.mismatches(target("dw-gateway", "windows", "x86_64", ">=2.0.0"))).containsExactly(
                "product is dw-edge, not dw-gateway",
                "os is linux, not windows",
                "architecture is aarch64, not x86_64",
                "runtime 1.4.0 is outside >=2.0.0");
    }

    @Test
    void mismatches_aRuntimeJustOutsideTheRange() {
        GatewayProfile two = EDGE.withRuntimeVersion(SemVer.parse("2.0.0"));

        assertThat(two.mismatches(target("dw-edge", "linux", "*", ">=1.0.0 <2.0.0")))
                .containsExactly("runtime 2.0.0 is outside >=1.0.0 <2.0.0");
    }

    @Test
    void skipReason_isEmpty_withoutACondition_orWhenTheConditionMatches() {
        assertThat(EDGE.skipReason(restartWhen(null))).isEmpty();
        assertThat(EDGE.skipReason(restartWhen(new Condition(List.of("linux"), List.of("dw-gateway", "dw-edge"),
                List.of())))).isEmpty();
    }

    @Test
    void skipReason_namesTheConditionAndThisGateway() {
        Optional<String> reason = EDGE.skipReason(restartWhen(new Condition(List.of(), List.of("dw-gateway"), List.of())));

        assertThat(reason).contains("condition product=dw-gateway does not match this gateway "
                + "(os=linux product=dw-edge architecture=aarch64)");
    }

    @Test
    void profile_refusesABlankField_andAMissingRuntimeVersion() {
        assertThatThrownBy(() -> new GatewayProfile(" ", "linux", "x86_64", SemVer.parse("1.0.0")))
                .hasMessage("product: is required");
        assertThatThrownBy(() -> new GatewayProfile("p", "linux", "x86_64", null))
                .hasMessage("runtimeVersion: is required");
    }

    @Test
    void toString_isTheFormTargetListsUse() {
        assertThat(EDGE).hasToString("dw-edge/linux/aarch64 runtime 1.4.0");
    }
}
