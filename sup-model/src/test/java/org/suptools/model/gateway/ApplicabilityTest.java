package org.suptools.model.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.model.gateway.GatewayProfileTest.EDGE;
import static org.suptools.model.gateway.GatewayProfileTest.target;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.suptools.model.manifest.Requirement;
import org.suptools.model.manifest.Target;
import org.suptools.model.version.SemVer;
import org.suptools.model.version.VersionRange;

class ApplicabilityTest {

    static final Target GATEWAY = target("dw-gateway", "linux", "*", ">=1.0.0 <2.0.0");
    static final Target EDGE_TARGET = target("dw-edge", "linux", "*", ">=1.0.0 <2.0.0");
    static final Requirement BASE = new Requirement("acme-base", VersionRange.parse(">=1.0.0"));

    @Test
    void applies_whenOneTargetMatches_andNamesTheFirstThatDoes() {
        Applicability applicability = Applicability.of(List.of(GATEWAY, EDGE_TARGET), List.of(), EDGE, Map.of());

        assertThat(applicability.applies()).isTrue();
        assertThat(applicability.matchedTarget()).contains(EDGE_TARGET);
        assertThat(applicability.targets().get(0).mismatches()).containsExactly("product is dw-edge, not dw-gateway");
    }

    @Test
    void aPackageWithoutTargets_isForAnyGateway() {
        Applicability applicability = Applicability.of(List.of(), List.of(), EDGE, Map.of());

        assertThat(applicability.targetMatches()).isTrue();
        assertThat(applicability.matchedTarget()).isEmpty();
    }

    @Test
    void noTargetMatches_theRefusalListsTheTargetsAndTheGateway() {
        Applicability applicability = Applicability.of(List.of(GATEWAY), List.of(), EDGE, Map.of());

        assertThat(applicability.applies()).isFalse();
        assertThat(applicability.targetRefusal()).isEqualTo("the package is for dw-gateway/linux/* runtime "
                + ">=1.0.0 <2.0.0, not for this gateway (dw-edge/linux/aarch64 runtime 1.4.0)");
    }

    @Test
    void requirements_notInstalled_orInAVersionOutsideTheRange_areUnmet() {
        Requirement tools = new Requirement("acme-tools", VersionRange.parse("^2.0.0"));
        Applicability applicability = Applicability.of(List.of(EDGE_TARGET), List.of(BASE, tools), EDGE,
                Map.of("acme-tools", SemVer.parse("3.1.0")));

        assertThat(applicability.targetMatches()).isTrue();
        assertThat(applicability.applies()).isFalse();
        assertThat(applicability.unmetRequirements()).containsExactly(
                "requires[0]: needs acme-base >=1.0.0, which is not installed",
                "requires[1]: needs acme-tools ^2.0.0, but 3.1.0 is installed");
    }

    @Test
    void requirement_met_saysWhatIsInstalled() {
        Applicability applicability = Applicability.of(List.of(EDGE_TARGET), List.of(BASE), EDGE,
                Map.of("acme-base", SemVer.parse("1.2.0")));

        assertThat(applicability.applies()).isTrue();
        assertThat(applicability.unmetRequirements()).isEmpty();
        assertThat(applicability.requirements().get(0).message()).isEqualTo("needs acme-base >=1.0.0; 1.2.0 is installed");
    }

    @Test
    void refusal_joinsTheTargetRefusalAndEachUnmetRequirement_inOneLine() {
        Applicability applicability = Applicability.of(List.of(GATEWAY), List.of(BASE), EDGE, Map.of());

        assertThat(applicability.refusal()).isEqualTo(applicability.targetRefusal()
                + "; requires[0]: needs acme-base >=1.0.0, which is not installed");
    }
}
