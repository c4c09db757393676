package org.suptools.model.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.archive.ProgressListener;
import org.suptools.model.gateway.PlanStep.PayloadUse;
import org.suptools.model.manifest.FailurePolicy;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.packaging.PackageBuilder;
import org.suptools.model.spec.LoadedSpec;
import org.suptools.model.spec.SpecFiles;
import org.suptools.model.version.SemVer;

class GatewayPlanTest {

    /** One package for two products, each action with its own {@code when}: tests run in sup-model/. */
    static final Path TWO_PRODUCTS = Path.of("../sample-packages/packages/two-products");
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    static GatewayProfile gateway(String product) {
        return new GatewayProfile(product, "linux", "x86_64", SemVer.parse("1.4.0"));
    }

    @Test
    void twoProducts_eachGatewayRunsItsOwnActionAndTheCommonOne() throws Exception {
        LoadedSpec spec = SpecFiles.loadValid(TWO_PRODUCTS, NOW);

        GatewayPlan onGateway = GatewayPlan.of(spec, gateway("dw-gateway"), Map.of());
        GatewayPlan onEdge = GatewayPlan.of(spec, gateway("dw-edge"), Map.of());

        assertThat(onGateway.steps()).extracting(PlanStep::runs).containsExactly(true, false, true);
        assertThat(onEdge.steps()).extracting(PlanStep::runs).containsExactly(false, true, true);
        assertThat(onEdge.steps().get(0).skipReason()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("condition product=dw-gateway does not match this gateway"));
        assertThat(onEdge.applies()).isTrue();
        assertThat(onEdge.runCount()).isEqualTo(2);
        assertThat(onEdge.packageName()).isEqualTo("acme-telemetry-interval");
        assertThat(onEdge.failurePolicy()).isEqualTo(FailurePolicy.ROLLBACK);
    }

    @Test
    void payloadBytes_countThePayloadsOfTheActionsThatRun() throws Exception {
        LoadedSpec spec = SpecFiles.loadValid(TWO_PRODUCTS, NOW);
        long edgeConf = Files.size(TWO_PRODUCTS.resolve("payload/edge-telemetry.conf"));
        long profile = Files.size(TWO_PRODUCTS.resolve("payload/telemetry-profile.txt"));

        GatewayPlan onEdge = GatewayPlan.of(spec, gateway("dw-edge"), Map.of());
        GatewayPlan onGateway = GatewayPlan.of(spec, gateway("dw-gateway"), Map.of());

        assertThat(onEdge.steps().get(1).payloads()).containsExactly(
                new PayloadUse("source", "edge-telemetry.conf", edgeConf));
        assertThat(onEdge.payloadBytes()).isEqualTo(edgeConf + profile);
        assertThat(onGateway.payloadBytes()).isEqualTo(profile);
    }

    @Test
    void aBuiltPackage_plansLikeItsSpec(@TempDir Path dir) throws Exception {
        LoadedSpec spec = SpecFiles.loadValid(TWO_PRODUCTS, NOW);
        Manifest manifest = new PackageBuilder(new ArchiveOptions(NOW), ProgressListener.NONE)
                .build(spec, dir.resolve("two.sup"), List.of()).manifest();

        GatewayPlan fromSpec = GatewayPlan.of(spec, gateway("dw-edge"), Map.of());
        GatewayPlan fromManifest = GatewayPlan.of(manifest, gateway("dw-edge"), Map.of());

        assertThat(fromManifest).isEqualTo(fromSpec);
    }

    @Test
    void aRuntimeOutsideEveryTarget_doesNotApply_butTheActionsAreStillDecided() throws Exception {
        LoadedSpec spec = SpecFiles.loadValid(TWO_PRODUCTS, NOW);

        GatewayPlan plan = GatewayPlan.of(spec, gateway("dw-edge").withRuntimeVersion(SemVer.parse("2.1.0")), Map.of());

        assertThat(plan.applies()).isFalse();
        assertThat(plan.applicability().targets()).allSatisfy(check -> assertThat(check.mismatches())
                .contains("runtime 2.1.0 is outside >=1.0.0 <2.0.0"));
        assertThat(plan.runCount()).isEqualTo(2);
    }
}
