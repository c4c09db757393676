package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.cli.support.Keys;
import org.suptools.cli.support.Projects;
import org.suptools.cli.support.Sup;
import org.suptools.cli.support.Sup.Result;
import org.suptools.cli.support.Tamper;

class ValidateCommandTest {

    /** Three errors and a warning, each in a different place. */
    private static final String BROKEN = """
            name: broken
            version: 1.0.0
            targets:
              - product: gw
                os: linux
                architecture: x86_64
            actions:
              - id: copy
                type: file.copy
                source: missing.conf
                destination: conf/a.conf
              - id: copy
                type: dir.create
                path: data
              - id: escape
                type: dir.create
                path: ../../etc
            """;

    @TempDir
    Path temp;

    @Test
    void specWithErrors_listsEveryProblemWithItsLocation_andExits1() {
        Path dir = Projects.write(temp.resolve("broken"), BROKEN, "unused\n");

        Result result = Sup.run("validate", dir);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out())
                .contains("error: actions[0].source: no such payload file 'missing.conf'")
                .contains("error: actions[1].id: 'copy' is already used by actions[0]")
                .contains("error: actions[2].path:")
                .contains("warning: payloads: 'app.conf' is not used by any action")
                .contains("invalid (3 errors, 1 warning)");
        assertThat(result.out().lines().filter(line -> line.contains(": error: ")))
                .allMatch(line -> line.startsWith(dir.resolve("sup.yaml").toString()));
    }

    @Test
    void specThatDoesNotParse_isReportedWithItsLocation() {
        Path dir = Projects.write(temp.resolve("p"), "name: p\nversion: 1.0.0\nactions: [{id: a, type: no.such}]\n",
                "x\n");

        Result result = Sup.run("validate", dir);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("actions[0]");
    }

    @Test
    void validSpec_exits0() {
        Path dir = Projects.simple(temp.resolve("ok"), "1.0.0", "a=1\n");

        Result result = Sup.run("validate", dir.resolve("sup.yaml"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("valid").doesNotContain("error");
    }

    @Test
    void json_hasValidAndEveryProblem() throws Exception {
        Path dir = Projects.write(temp.resolve("broken"), BROKEN, "unused\n");

        Result result = Sup.run("validate", dir, "--json");

        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(json.get("valid").booleanValue()).isFalse();
        assertThat(json.get("problems")).hasSize(4);
        JsonNode first = json.get("problems").get(0);
        assertThat(first.get("severity").asText()).isEqualTo("error");
        assertThat(first.get("location").asText()).isEqualTo("actions[0].source");
        assertThat(first.get("message").asText()).contains("missing.conf");
    }

    @Test
    void quiet_printsOnlyTheErrors() {
        Path dir = Projects.write(temp.resolve("broken"), BROKEN, "unused\n");

        Result result = Sup.run("validate", dir, "--quiet");

        assertThat(result.out()).contains("error:").doesNotContain("warning").doesNotContain("invalid (");
    }

    @Test
    void missingPath_isAnIoError() {
        Result result = Sup.run("validate", temp.resolve("nothing-here"));

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).contains("nothing-here: no such file or directory");
    }

    @Test
    void package_isCheckedInFull() {
        Path sup = temp.resolve("ok.sup");
        Sup.run("build", Projects.simple(temp.resolve("p"), "1.0.0", "a=1\n"), "-o", sup);

        Result result = Sup.run("validate", sup);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains(sup + ": valid");
    }

    @Test
    void tamperedPackage_isInvalid() {
        Path sup = temp.resolve("bad.sup");
        Sup.run("build", Projects.simple(temp.resolve("p"), "1.0.0", "a=1\n"), "-o", sup);
        Tamper.flipPayloadByte(sup, "payload/app.conf");

        Result result = Sup.run("validate", sup, "--json");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("\"valid\": false", "payload/app.conf");
    }

    @Test
    void packageWithTrust_isUntrustedWhenSignedByAnotherKey() {
        Path signer = Keys.ed25519(temp, "signer");
        Path other = Keys.ed25519(temp, "other");
        Path sup = temp.resolve("ok.sup");
        Sup.run("build", Projects.simple(temp.resolve("p"), "1.0.0", "a=1\n"), "-o", sup, "--key",
                Keys.privateKey(signer));

        assertThat(Sup.run("validate", sup, "--trust", Keys.publicKey(signer)).exitCode()).isZero();
        assertThat(Sup.run("validate", sup, "--trust", Keys.publicKey(other)).exitCode()).isEqualTo(3);
    }
}
