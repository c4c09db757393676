package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.cli.ExitCodes;
import org.suptools.cli.support.Keys;
import org.suptools.cli.support.Projects;
import org.suptools.cli.support.Sup;
import org.suptools.cli.support.Sup.Result;
import org.suptools.cli.support.Tamper;

class PlanCommandTest {

    /** An installer gateway config: plan reads its identity and leaves the rest to the installer. */
    private static final String GATEWAY_YAML = """
            runtimeHome: /opt/dw/dwcore
            trust: {store: keys}
            identity:
              product: %s
              os: linux
              architecture: x86_64
              runtimeVersion: %s
              thingKey: gw-0042
            runtime:
              start: [bin/runtime-ctl, start]
              stop: [bin/runtime-ctl, stop]
              status: [bin/runtime-ctl, status]
            minFreeSpace: 64MiB
            """;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;

    private static Result plan(Object path, String product, String runtimeVersion, Object... more) {
        List<Object> args = new ArrayList<>(List.of("plan", path, "--product", product, "--os", "linux",
                "--arch", "x86_64", "--runtime-version", runtimeVersion));
        args.addAll(List.of(more));
        return Sup.run(args.toArray());
    }

    private static JsonNode json(Result result) throws Exception {
        return MAPPER.readTree(result.out());
    }

    private Path gatewayFile(String name, String product, String runtimeVersion) throws Exception {
        return Files.writeString(temp.resolve(name), GATEWAY_YAML.formatted(product, runtimeVersion));
    }

    @Test
    void applies_namesTheMatchingTarget_andShowsEveryActionRunOrSkipped() {
        Result result = plan(Projects.TWO_PRODUCTS, "dw-edge", "1.4.0");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).startsWith("acme-telemetry-interval 1.0.0 on dw-edge/linux/x86_64 runtime 1.4.0")
                .contains("applies     yes", "target      dw-edge/linux/* runtime >=1.0.0 <2.0.0 matches",
                        "requires    nothing", "on failure  rollback", "Actions (2 of 3 run)")
                .containsPattern("1 +skip +gateway-interval +properties.set +product=dw-gateway +- +default +fail ")
                .containsPattern("2 +run +edge-interval +file.copy +product=dw-edge .*payload edge-telemetry.conf "
                        + "\\(79 bytes\\)")
                .containsPattern("3 +run +common-marker +file.copy +always ")
                .contains("2 of 3 actions run, 1 skipped; 107 payload bytes to write");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void when_runsEachProductsOwnAction_andSkipsTheOthers() throws Exception {
        JsonNode onGateway = json(plan(Projects.TWO_PRODUCTS, "dw-gateway", "1.4.0", "--json")).get("actions");
        JsonNode onEdge = json(plan(Projects.TWO_PRODUCTS, "dw-edge", "1.4.0", "--json")).get("actions");

        assertThat(onGateway.findValuesAsText("id")).containsExactly("gateway-interval", "edge-interval", "common-marker");
        assertThat(onGateway.findValues("run")).extracting(JsonNode::asBoolean).containsExactly(true, false, true);
        assertThat(onEdge.findValues("run")).extracting(JsonNode::asBoolean).containsExactly(false, true, true);
        assertThat(onGateway.get(1).get("skipReason").asText()).isEqualTo("condition product=dw-edge does not match "
                + "this gateway (os=linux product=dw-gateway architecture=x86_64)");
        assertThat(onGateway.get(0).get("skipReason").isNull()).isTrue();
    }

    @Test
    void anotherProduct_doesNotApply_andSaysWhyForEachTarget() {
        Result result = plan(Projects.TWO_PRODUCTS, "dw-other", "1.4.0");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.out()).contains("applies     no",
                "targets     dw-gateway/linux/* runtime >=1.0.0 <2.0.0: product is dw-other, not dw-gateway",
                "            dw-edge/linux/* runtime >=1.0.0 <2.0.0: product is dw-other, not dw-edge",
                "Actions (were it to apply, 1 of 3 would run)",
                "The package does not apply to this gateway: the installer would refuse it and run no action.");
    }

    @Test
    void quiet_printsOnlyWhyItDoesNotApply_asOneErrorLine() {
        Result applies = plan(Projects.TWO_PRODUCTS, "dw-edge", "1.4.0", "--quiet");
        Result refused = plan(Projects.TWO_PRODUCTS, "dw-edge", "2.0.0", "--quiet");

        assertThat(applies.exitCode()).as(applies.toString()).isEqualTo(ExitCodes.OK);
        assertThat(applies.out() + applies.err()).isEmpty();
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err().lines()).singleElement().asString()
                .startsWith("sup: ").contains("sup.yaml: does not apply: the package is for ")
                .contains("not for this gateway");
    }

    @Test
    void aRuntimeVersionOutOfRange_doesNotApply() throws Exception {
        Result result = plan(Projects.TWO_PRODUCTS, "dw-edge", "2.0.0", "--json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
        JsonNode plan = json(result);
        assertThat(plan.get("applies").asBoolean()).isFalse();
        assertThat(plan.get("matchedTarget").isNull()).isTrue();
        assertThat(plan.get("targets").get(1).get("mismatches").get(0).asText())
                .isEqualTo("runtime 2.0.0 is outside >=1.0.0 <2.0.0");
    }

    @Test
    void requirements_areHeldAgainstTheInstalledPackages() {
        Path project = Projects.write(temp.resolve("needs-base"), """
                name: needs-base
                version: 1.0.0
                targets: [{product: dw-edge, os: linux, architecture: "*"}]
                requires: [{name: acme-base, version: ">=1.2.0"}]
                actions:
                  - {id: config, type: file.copy, source: app.conf, destination: conf/app.conf}
                """, "x=1\n");

        Result missing = plan(project, "dw-edge", "1.4.0");
        Result tooOld = plan(project, "dw-edge", "1.4.0", "--installed", "acme-base=1.1.9");
        Result met = plan(project, "dw-edge", "1.4.0", "--installed", "acme-base=1.2.0", "--installed", "other=3.0.0");

        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(missing.out()).contains("requires    needs acme-base >=1.2.0, which is not installed");
        assertThat(tooOld.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(tooOld.out()).contains("needs acme-base >=1.2.0, but 1.1.9 is installed");
        assertThat(met.exitCode()).as(met.toString()).isEqualTo(ExitCodes.OK);
        assertThat(met.out()).contains("needs acme-base >=1.2.0; 1.2.0 is installed");
    }

    @Test
    void gatewayConfig_givesTheIdentity_inYamlOrJson() throws Exception {
        Path yaml = gatewayFile("gateway.yaml", "dw-gateway", "1.9.9");
        Path json = Files.writeString(temp.resolve("gateway.json"), """
                {"runtimeHome": "/opt/dw", "identity": {"product": "dw-edge", "os": "linux",
                 "architecture": "aarch64", "runtimeVersion": "3.0.0"}}
                """);

        Result onGateway = Sup.run("plan", Projects.TWO_PRODUCTS, "--gateway", yaml);
        Result onEdge = Sup.run("plan", Projects.TWO_PRODUCTS, "--gateway", json);

        assertThat(onGateway.exitCode()).as(onGateway.toString()).isEqualTo(ExitCodes.OK);
        assertThat(onGateway.out()).contains("on dw-gateway/linux/x86_64 runtime 1.9.9");
        assertThat(onEdge.exitCode()).as(onEdge.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(onEdge.out()).contains("runtime 3.0.0 is outside >=1.0.0 <2.0.0");
    }

    @Test
    void aBadGatewayConfig_namesTheFileAndEveryMissingField_andExits5() throws Exception {
        Path file = Files.writeString(temp.resolve("gateway.yaml"), "identity:\n  product: dw-edge\n  os: linux\n");

        Result result = Sup.run("plan", Projects.TWO_PRODUCTS, "--gateway", file);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.IO);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).containsExactly(
                "sup: " + file + ": identity.architecture: is required",
                "sup: " + file + ": identity.runtimeVersion: is required (the installed runtime's version, such as 5.1.0)");
    }

    @Test
    void aGatewayConfigWithAMistypedField_orAVersionWrittenAsANumber_namesTheField() throws Exception {
        Path typo = Files.writeString(temp.resolve("typo.yaml"), GATEWAY_YAML.formatted("dw-edge", "1.0.0")
                .replace("architecture:", "arch:"));
        Path number = Files.writeString(temp.resolve("number.yaml"), GATEWAY_YAML.formatted("dw-edge", "1.4"));

        Result typoResult = Sup.run("plan", Projects.TWO_PRODUCTS, "--gateway", typo);
        Result numberResult = Sup.run("plan", Projects.TWO_PRODUCTS, "--gateway", number);

        assertThat(typoResult.exitCode()).isEqualTo(ExitCodes.IO);
        assertThat(typoResult.err()).startsWith("sup: " + typo + ": identity.arch: unknown field");
        assertThat(numberResult.err()).isEqualTo("sup: " + number + ": identity.runtimeVersion: expected a text value "
                + "(write it in quotes)" + System.lineSeparator());
    }

    @Test
    void aPackage_isVerifiedFirst_andPlansLikeItsSpec() throws Exception {
        Path sup = temp.resolve("two.sup");
        assertThat(Sup.run("build", Projects.TWO_PRODUCTS, "-o", sup, "-q").exitCode()).isZero();

        Result fromPackage = plan(sup, "dw-edge", "1.4.0", "--json");
        Result fromSpec = plan(Projects.TWO_PRODUCTS, "dw-edge", "1.4.0", "--json");

        assertThat(fromPackage.exitCode()).as(fromPackage.toString()).isEqualTo(ExitCodes.OK);
        JsonNode packagePlan = json(fromPackage);
        assertThat(packagePlan.get("kind").asText()).isEqualTo("package");
        assertThat(packagePlan.get("actions")).isEqualTo(json(fromSpec).get("actions"));
        assertThat(plan(sup, "dw-edge", "1.4.0").out()).contains("package, intact; signatures not checked without --trust");
    }

    @Test
    void aTamperedPackage_isInvalid_andNothingIsPlanned() {
        Path sup = temp.resolve("two.sup");
        Sup.run("build", Projects.TWO_PRODUCTS, "-o", sup, "-q");
        Tamper.flipPayloadByte(sup, "payload/edge-telemetry.conf");

        Result result = plan(sup, "dw-edge", "1.4.0");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("sup: " + sup + ": ").contains("payload/edge-telemetry.conf");
    }

    @Test
    void anExpiredPackage_exits4_asTheInstallerWouldRefuseIt() {
        Path sup = temp.resolve("old.sup");
        Result built = Sup.run("build", Projects.expiring(temp.resolve("old"), "2020-01-01T00:00:00Z"), "-o", sup, "-q");
        assertThat(built.exitCode()).as(built.toString()).isZero();

        Result result = plan(sup, "dw-edge", "1.4.0");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.EXPIRED);
        assertThat(result.err()).contains("expired at 2020-01-01T00:00:00Z");
    }

    @Test
    void trust_requiresATrustedSignature() {
        Path key = Keys.ed25519(temp, "release");
        Path other = Keys.ed25519(temp, "other");
        Path sup = temp.resolve("two.sup");
        Sup.run("build", Projects.TWO_PRODUCTS, "-o", sup, "--key", Keys.privateKey(key), "-q");

        Result trusted = plan(sup, "dw-edge", "1.4.0", "--trust", Keys.publicKey(key));
        Result untrusted = plan(sup, "dw-edge", "1.4.0", "--trust", Keys.publicKey(other));

        assertThat(trusted.exitCode()).as(trusted.toString()).isEqualTo(ExitCodes.OK);
        assertThat(trusted.out()).contains("package, intact, signed by trusted key ");
        assertThat(untrusted.exitCode()).as(untrusted.toString()).isEqualTo(ExitCodes.UNTRUSTED);
    }

    @Test
    void json_hasTheDocumentedFields_inTheirOrder() throws Exception {
        Result result = plan(Projects.SAMPLE, "dw-gateway", "1.4.0", "--json", "--installed", "acme-base=1.0.0");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
        JsonNode plan = json(result);
        assertThat(fields(plan)).containsExactly("file", "kind", "name", "version", "trustChecked", "trustedSigners",
                "gateway", "applies", "matchedTarget", "targets", "requirements", "failurePolicy", "actions", "totals");
        assertThat(fields(plan.get("gateway"))).containsExactly("product", "os", "architecture", "runtimeVersion",
                "installed");
        assertThat(plan.get("gateway").get("installed").get("acme-base").asText()).isEqualTo("1.0.0");
        assertThat(plan.get("file").asText()).endsWith("sup.yaml");
        assertThat(plan.get("kind").asText()).isEqualTo("spec");
        assertThat(plan.get("matchedTarget").asInt()).isZero();
        assertThat(fields(plan.get("targets").get(0))).containsExactly("product", "os", "architecture",
                "runtimeVersion", "matches", "mismatches");
        JsonNode restart = plan.get("actions").get(2);
        assertThat(fields(restart)).containsExactly("index", "id", "type", "run", "when", "skipReason", "summary",
                "payloads", "runtime", "timeout", "onError");
        assertThat(restart.get("runtime").asText()).isEqualTo("restart");
        assertThat(restart.get("timeout").asText()).isEqualTo("1m");
        JsonNode copy = plan.get("actions").get(0);
        assertThat(copy.get("runtime").isNull()).isTrue();
        assertThat(copy.get("timeout").isNull()).isTrue();
        assertThat(copy.get("payloads").get(0).get("name").asText()).isEqualTo("logging.properties");
        assertThat(plan.get("totals").get("payloadBytes").asLong())
                .isEqualTo(Files.size(Projects.SAMPLE.resolve("payload/logging.properties")));
        assertThat(fields(plan.get("totals"))).containsExactly("actions", "run", "skipped", "payloadBytes");
    }

    @Test
    void json_whenIsTheConditionItself() throws Exception {
        JsonNode when = json(plan(Projects.TWO_PRODUCTS, "dw-edge", "1.4.0", "--json")).get("actions").get(0).get("when");

        assertThat(fields(when)).containsExactly("os", "product", "architecture");
        assertThat(when.get("product").get(0).asText()).isEqualTo("dw-gateway");
        assertThat(when.get("os")).isEmpty();
    }

    @Test
    void anInvalidSpec_exits1_withItsProblems() {
        Path project = Projects.write(temp.resolve("broken"), """
                name: broken
                version: 1.0.0
                targets: [{product: dw-edge, os: linux, architecture: "*"}]
                actions:
                  - {id: config, type: file.copy, source: missing.conf, destination: conf/app.conf}
                """, "x=1\n");

        Result result = plan(project, "dw-edge", "1.4.0");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err()).contains("actions[0].source: no such payload file 'missing.conf'");
    }

    @Test
    void aMissingInput_exits5() {
        assertThat(plan(temp.resolve("none.sup"), "dw-edge", "1.4.0").exitCode()).isEqualTo(ExitCodes.IO);
        assertThat(Sup.run("plan", Projects.TWO_PRODUCTS, "--gateway", temp.resolve("none.yaml")).exitCode())
                .isEqualTo(ExitCodes.IO);
    }

    @Test
    void usageErrors_exit2() {
        Result noGateway = Sup.run("plan", Projects.TWO_PRODUCTS);
        assertThat(noGateway.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noGateway.err()).startsWith("sup: no gateway: give --gateway GATEWAY_CONFIG, or all four of "
                + "--product, --os, --arch and --runtime-version" + System.lineSeparator());
        Result halfAnIdentity = Sup.run("plan", Projects.TWO_PRODUCTS, "--product", "dw-edge", "--os", "linux");
        assertThat(halfAnIdentity.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(halfAnIdentity.err()).contains("(missing: --arch, --runtime-version)");
        Result badVersion = plan(Projects.TWO_PRODUCTS, "dw-edge", "1.4");
        assertThat(badVersion.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badVersion.err()).startsWith("sup: --runtime-version: '1.4' is not a SemVer 2.0 version");
        Result badInstalled = plan(Projects.TWO_PRODUCTS, "dw-edge", "1.4.0", "--installed", "acme-base=latest");
        assertThat(badInstalled.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badInstalled.err()).startsWith("sup: --installed acme-base: 'latest' is not a SemVer");
        Result trustOnSpec = plan(Projects.TWO_PRODUCTS, "dw-edge", "1.4.0", "--trust", temp);
        assertThat(trustOnSpec.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(trustOnSpec.err()).startsWith("sup: --trust: only for a .sup package");
    }

    @Test
    void gatewayAndIdentityOptions_areExclusive() throws Exception {
        Path file = gatewayFile("gateway.yaml", "dw-edge", "1.4.0");

        Result result = plan(Projects.TWO_PRODUCTS, "dw-edge", "1.4.0", "--gateway", file);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("sup: --gateway: cannot be combined with --product, --os, --arch, "
                + "--runtime-version (the identity comes from the file)");
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
