package org.suptools.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.action.ActionType;
import org.suptools.model.action.CommandRun;
import org.suptools.model.action.ErrorPolicy;
import org.suptools.model.action.PropertiesSet;
import org.suptools.model.problem.Problem;
import org.suptools.model.validation.SpecException;

class SpecFilesTest {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path dir;

    static Path allActionsDir() {
        try {
            return Path.of(SpecFilesTest.class.getResource("/specs/all-actions/sup.yaml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void load_readsEveryActionTypeFromYaml() throws Exception {
        LoadedSpec loaded = SpecFiles.loadValid(allActionsDir(), NOW);

        assertThat(loaded.spec().actions()).extracting(a -> a.type()).containsExactlyInAnyOrder(ActionType.values());
        assertThat(loaded.spec().version().toString()).isEqualTo("1.4.0-rc.1+build.7");
        assertThat(loaded.payloadNames()).contains("scripts/setup.sh", "app.conf");
        CommandRun hello = (CommandRun) loaded.spec().actions().get(7);
        assertThat(hello.successExitCodes()).containsExactly(0, 3);
        assertThat(hello.header().onError()).isEqualTo(ErrorPolicy.CONTINUE);
        PropertiesSet tune = (PropertiesSet) loaded.spec().actions().get(6);
        assertThat(tune.set()).containsExactly(
                java.util.Map.entry("dw.http.port", "8080"), java.util.Map.entry("dw.log.level", "INFO"));
    }

    @Test
    void writeThenParse_givesTheSameSpec_inYamlAndJson() throws Exception {
        PackageSpec spec = SpecFiles.load(allActionsDir()).spec();
        for (String name : List.of("sup.yaml", "sup.json")) {
            Path file = dir.resolve(name);
            SpecFiles.write(spec, file);
            assertThat(SpecFiles.parse(file)).as(name).isEqualTo(spec);
        }
    }

    @Test
    void parse_reportsUnknownActionTypeWithLocation() throws IOException {
        Path file = spec("""
                name: x
                version: 1.0.0
                targets: [{product: p, os: linux, architecture: x86_64}]
                actions:
                  - id: a
                    type: file.copyy
                """);
        assertThatThrownBy(() -> SpecFiles.parse(file))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("actions[0].type: unknown action type 'file.copyy'");
    }

    @Test
    void parse_reportsMissingFieldOfAnActionWithLocation() throws IOException {
        Path file = spec("""
                name: x
                version: 1.0.0
                targets: [{product: p, os: linux, architecture: x86_64}]
                actions:
                  - {id: stop, type: runtime.stop}
                  - {id: copy, type: file.copy, source: a.bin}
                """);
        assertThatThrownBy(() -> SpecFiles.parse(file))
                .hasMessageContaining("actions[1].destination: is required");
    }

    @Test
    void parse_reportsUnknownFieldWithTheKnownOnes() throws IOException {
        Path file = spec("""
                name: x
                version: 1.0.0
                targets: [{product: p, os: linux, architecture: x86_64}]
                actions:
                  - {id: copy, type: file.copy, source: a.bin, destination: b, sourc: c}
                """);
        assertThatThrownBy(() -> SpecFiles.parse(file))
                .hasMessageContaining("actions[0].sourc: unknown field (known: destination, mode, source)");
    }

    @Test
    void parse_reportsBadVersion() throws IOException {
        Path file = spec("""
                name: x
                version: 1.02.0
                targets: [{product: p, os: linux, architecture: x86_64}]
                actions: [{id: stop, type: runtime.stop}]
                """);
        assertThatThrownBy(() -> SpecFiles.parse(file)).hasMessageContaining("version:").hasMessageContaining("1.02.0");
    }

    @Test
    void loadValid_refusesARequirementOnItself_andOnOnePackageTwice() throws IOException {
        Path file = spec("""
                name: x
                version: 1.0.0
                requires:
                  - {name: x, version: ">=1.0.0"}
                  - {name: base, version: ">=1.0.0"}
                  - {name: base, version: "<2.0.0"}
                targets: [{product: p, os: linux, architecture: x86_64}]
                actions: [{id: stop, type: runtime.stop}]
                """);
        assertThatThrownBy(() -> SpecFiles.loadValid(file, NOW))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
                        .containsExactly("requires[0].name: the package cannot require itself",
                                "requires[2].name: 'base' is already required by requires[1]; write one range"));
    }

    @Test
    void loadValid_reportsAllWholePackageProblemsAtOnce() throws IOException {
        Path file = spec("""
                name: x
                version: 1.0.0
                targets: []
                actions:
                  - {id: copy, type: file.copy, source: fw.bin, destination: ../etc/passwd}
                  - {id: copy, type: runtime.stop}
                """);
        assertThatThrownBy(() -> SpecFiles.loadValid(file, NOW))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
                        .contains("targets: at least one target is required",
                                "actions[0].source: no such payload file 'fw.bin' (the package has no payload files)",
                                "actions[0].destination: '../etc/passwd' must stay inside the runtime home (no '..')",
                                "actions[1].id: 'copy' is already used by actions[0]"));
    }

    @Test
    void check_warnsAboutUnusedPayloads() throws Exception {
        Path file = spec("""
                name: x
                version: 1.0.0
                targets: [{product: p, os: linux, architecture: x86_64}]
                actions: [{id: stop, type: runtime.stop}]
                """);
        Files.createDirectories(dir.resolve("payload"));
        Files.writeString(dir.resolve("payload/extra.txt"), "x");
        List<Problem> problems = SpecFiles.check(SpecFiles.load(file), NOW);
        assertThat(problems).extracting(Problem::toString).containsExactly("warning: payloads: 'extra.txt' is not used by any action");
    }

    @Test
    void parse_refusesUnquotedModeThatYamlWouldReadAsANumber() throws IOException {
        Path file = spec("""
                name: x
                version: 1.0.0
                targets: [{product: p, os: linux, architecture: x86_64}]
                actions:
                  - {id: copy, type: file.copy, source: a, destination: b, mode: 0640}
                """);
        assertThatThrownBy(() -> SpecFiles.parse(file))
                .hasMessageContaining("actions[0].mode: expected a text value (write it in quotes)");
    }

    @Test
    void parse_readsAPlainNumberTimeoutAsSeconds() throws Exception {
        Path file = spec("""
                name: x
                version: 1.0.0
                targets: [{product: p, os: linux, architecture: x86_64}]
                actions:
                  - {id: stop, type: runtime.stop, timeout: 90}
                """);
        assertThat(SpecFiles.parse(file).actions().get(0).header().timeout()).hasValueSatisfying(
                t -> assertThat(t.toString()).isEqualTo("90s"));
    }

    @Test
    void parse_reportsEmptyActionsList() throws IOException {
        Path file = spec("""
                name: x
                version: 1.0.0
                targets: [{product: p, os: linux, architecture: x86_64}]
                actions:
                  -
                """);
        assertThatThrownBy(() -> SpecFiles.parse(file)).hasMessageContaining("actions[0]");
    }

    private Path spec(String text) throws IOException {
        Path file = dir.resolve("sup.yaml");
        Files.writeString(file, text);
        return file;
    }
}
