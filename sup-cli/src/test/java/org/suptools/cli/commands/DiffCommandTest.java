package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.cli.support.Projects;
import org.suptools.cli.support.Sup;
import org.suptools.cli.support.Sup.Result;

class DiffCommandTest {

    @TempDir
    Path temp;

    private Path v1;
    private Path v2;

    @BeforeEach
    void buildTwoVersions() throws Exception {
        Path project = Projects.copyOfSample(temp.resolve("project"));
        v1 = temp.resolve("v1.sup");
        Sup.run("build", project, "-o", v1, "-q");
        Path spec = project.resolve("sup.yaml");
        Files.writeString(spec, Files.readString(spec)
                .replace("version: 1.4.0", "version: 1.5.0")
                .replace("dw.log.level: INFO", "dw.log.level: DEBUG"));
        Files.writeString(project.resolve("payload/logging.properties"), "changed=1\n");
        v2 = temp.resolve("v2.sup");
        Sup.run("build", project, "-o", v2, "-q");
    }

    @Test
    void diff_showsVersionPayloadHashAndActionChanges() {
        Result result = Sup.run("diff", v1, v2);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("~ version: 1.4.0 -> 1.5.0");
        assertThat(result.out()).contains("~ payloads[logging.properties]: ", "sha256:");
        assertThat(result.out()).contains("~ actions[http-port]: ", "DEBUG");
        assertThat(result.out()).contains("3 differences");
    }

    @Test
    void exitCode_is1WhenTheyDiffer_and0WhenNot() {
        assertThat(Sup.run("diff", v1, v2, "--exit-code").exitCode()).isEqualTo(1);
        assertThat(Sup.run("diff", v1, v1, "--exit-code").exitCode()).isZero();
        assertThat(Sup.run("diff", v1, v1).out()).contains("No differences");
    }

    @Test
    void json_listsEachChange() throws Exception {
        JsonNode json = new ObjectMapper().readTree(Sup.run("diff", v1, v2, "--json").out());

        assertThat(json.get("identical").booleanValue()).isFalse();
        JsonNode version = json.get("changes").get(0);
        assertThat(version.get("kind").asText()).isEqualTo("changed");
        assertThat(version.get("location").asText()).isEqualTo("version");
        assertThat(version.get("before").asText()).isEqualTo("1.4.0");
        assertThat(version.get("after").asText()).isEqualTo("1.5.0");
    }

    @Test
    void missingPackage_exits5() {
        assertThat(Sup.run("diff", v1, temp.resolve("nope.sup")).exitCode()).isEqualTo(5);
    }
}
