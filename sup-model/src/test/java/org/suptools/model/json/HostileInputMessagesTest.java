package org.suptools.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.gateway.GatewayConfigFile;
import org.suptools.model.manifest.ManifestCodec;
import org.suptools.model.signing.SignatureSet;
import org.suptools.model.spec.SpecFiles;
import org.suptools.model.problem.ShownText;

/**
 * A corpus of hostile documents fed to every reader of the model (manifest, signatures, spec,
 * gateway config): whatever each refuses, its message names the file and reads as a sentence,
 * with no Java class name, Jackson feature name or stack-trace fragment in it.
 */
class HostileInputMessagesTest {

    /** What a leaked library message looks like. */
    static final Pattern LEAK = Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Z]\\w+|Exception|START_OBJECT|END_OBJECT|PT\\d"
            + "|StreamReadConstraints|JsonReadFeature|CoercionConfig|ALLOW_|FAIL_ON|`|\\[Source:|\\bat [a-z]+\\.\\w+\\("
            + "|java\\.|com\\.fasterxml|snakeyaml|\\(code \\d+\\)");

    @TempDir
    Path dir;

    static final String DEEP = "[".repeat(3000) + "]".repeat(3000);
    static final String DIGITS_401 = "9".repeat(401);
    static final String DIGITS_1001 = "9".repeat(1001);

    /** Documents that are JSON (and so YAML too), each hostile in its own way. */
    static List<String> jsonCorpus() {
        List<String> corpus = new ArrayList<>(List.of(
                "", " ", "null", "42", "\"text\"", "[]", "[1, 2]", "true",
                "{\"formatVersion\": NaN}", "{\"formatVersion\": Infinity}", "{\"formatVersion\": -Infinity}",
                "{\"formatVersion\": 1e999}", "{\"formatVersion\": 1.0}", "{\"formatVersion\": " + DIGITS_401 + "}",
                "{\"formatVersion\": " + DIGITS_1001 + "}", "{\"formatVersion\": \"1\"}", "{\"formatVersion\": 01}",
                "{\"formatVersion\": 1} {\"formatVersion\": 1}", "{\"formatVersion\": 1} x", "{} []",
                "{\"name\": \"a\", \"name\": \"b\"}", "{\"signatures\": [], \"signatures\": []}",
                "{\"formatVersion\": 1, \"name\": {}}", "{\"formatVersion\": 1, \"name\": []}",
                "{\"formatVersion\": 1, \"name\": 5}", "{\"formatVersion\": 1, \"actions\": {}}",
                "{\"formatVersion\": 1, \"actions\": [1]}", "{\"formatVersion\": 1, \"actions\": [[]]}",
                "{\"formatVersion\": 1, \"actions\": [{\"id\": [], \"type\": \"file.copy\"}]}",
                "{\"formatVersion\": 1, \"actions\": [{\"id\": \"a\", \"type\": \"runtime.stop\", \"timeout\": 0}]}",
                "{\"formatVersion\": 1, \"actions\": [{\"id\": \"a\", \"type\": \"runtime.stop\", \"timeout\": \"0s\"}]}",
                "{\"formatVersion\": 1, \"actions\": [{\"id\": \"a\", \"type\": \"runtime.stop\", \"timeout\": 1.5}]}",
                "{\"formatVersion\": 1, \"actions\": [{\"id\": \"a\", \"type\": 7}]}",
                "{\"formatVersion\": 1, \"targets\": \"x\"}", "{\"formatVersion\": 1, \"targets\": [null]}",
                "{\"formatVersion\": 1, \"payloads\": [{\"path\": 1, \"size\": 1.5, \"sha256\": []}]}",
                "{\"formatVersion\": 1, \"payloads\": [{\"size\": " + DIGITS_401 + "}]}",
                "{\"formatVersion\": 1, \"createdAt\": 1e400}", "{\"formatVersion\": 1, \"createdAt\": []}",
                "{\"formatVersion\": 1, \"version\": 1.10}", "{\"formatVersion\": 1, \"expiresAt\": \"tomorrow\"}",
                "{\"signatures\": {}}", "{\"signatures\": [1]}", "{\"signatures\": [{\"keyId\": 1}]}",
                "{\"runtimeHome\": [], \"identity\": 5}", "{\"identity\": {\"runtimeVersion\": 5.1}}",
                "{\"identity\": {\"runtimeVersion\": []}}", "{\"identity\": []}",
                "{\"a\": \"unterminated", "{\"a\": ", "{\"a\" 1}", "{'a': 1}", "{\"a\": 1,}", "[1,,2]",
                "{\"a\": \"\u0000\"}", "{\"\u200Bname\": 1}", "{\"name\u202E\": 1}",
                DEEP, "{\"a\":".repeat(2000) + "1" + "}".repeat(2000)));
        return corpus;
    }

    /** Documents that only a YAML reader sees. */
    static List<String> yamlCorpus() {
        return List.of(
                "name: x\n\tversion: 1\n", "a:\n  b: 1\n c: 2\n", "a: b: c\n", "a: [1, 2\n", "- a\nb: 1\n",
                "a: &x [*x]\n", "a: *missing\n", "!!javax.script.ScriptEngineManager [x]\n", "a: !!binary ZZZ\n",
                "name: x\nname: y\n", "---\na: 1\n---\nb: 2\n", "formatVersion: .nan\n", "formatVersion: .inf\n",
                "actions:\n  - {id: a, type: runtime.stop, timeout: 0}\n", "targets: {product: [x]}\n",
                "runtimeVersion: 5.1\n", "name: [unclosed\n", "\"a\": \"b\n");
    }

    static void assertHuman(String reader, String input, Throwable failure, String fileName) {
        String shownInput = input.length() > 60 ? input.substring(0, 60) + "..." : input;
        if (failure == null) {
            return;
        }
        String message = String.valueOf(failure.getMessage());
        assertThat(message).as("%s on %s", reader, shownInput).contains(fileName);
        assertThat(LEAK.matcher(message).find()).as("%s on %s leaks library internals: %s", reader, shownInput, message)
                .isFalse();
        assertThat(message.lines().flatMapToInt(String::codePoints).filter(ShownText::isInvisible).boxed().toList())
                .as("%s on %s shows invisible characters unescaped: %s", reader, shownInput, message).isEmpty();
        assertThat(message.lines().count()).as("%s on %s: %s", reader, shownInput, message).isLessThanOrEqualTo(20);
    }

    @Test
    void manifestReader_namesTheFile_andLeaksNothing() {
        for (String input : jsonCorpus()) {
            Throwable failure = catchThrowable(() -> ManifestCodec.parse(input.getBytes(StandardCharsets.UTF_8), "app.sup"));
            assertHuman("manifest", input, failure, "manifest.json");
        }
        byte[] utf16 = "{\"formatVersion\": 1}".getBytes(StandardCharsets.UTF_16);
        assertHuman("manifest", "utf-16", catchThrowable(() -> ManifestCodec.parse(utf16, "app.sup")), "manifest.json");
        byte[] badUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertHuman("manifest", "bad utf-8", catchThrowable(() -> ManifestCodec.parse(badUtf8, "app.sup")),
                "manifest.json");
    }

    @Test
    void manifestReader_callsAnyOtherFormatVersionUnsupported() {
        for (String version : List.of("1.0", "2", DIGITS_401, "-1", "1e2")) {
            Throwable failure = catchThrowable(() -> ManifestCodec.parse(("{\"formatVersion\": " + version + "}")
                    .getBytes(StandardCharsets.UTF_8), "app.sup"));
            assertThat(failure).as(version).hasMessageContaining("is not a supported format version")
                    .hasMessageNotContaining("is required");
        }
    }

    @Test
    void signatureReader_namesTheFile_andLeaksNothing() {
        for (String input : jsonCorpus()) {
            Throwable failure = catchThrowable(() -> SignatureSet.parse(input.getBytes(StandardCharsets.UTF_8),
                    "signatures.json"));
            assertHuman("signatures", input, failure, "signatures.json");
        }
    }

    @Test
    void specReader_namesTheFile_andLeaksNothing_inJsonAndYaml() throws Exception {
        int i = 0;
        for (String input : jsonCorpus()) {
            Path json = Files.writeString(Files.createDirectories(dir.resolve("j" + i)).resolve("sup.json"), input);
            assertHuman("spec (json)", input, catchThrowable(() -> SpecFiles.load(json)), "sup.json");
            Path yaml = Files.writeString(Files.createDirectories(dir.resolve("y" + i)).resolve("sup.yaml"), input);
            assertHuman("spec (yaml)", input, catchThrowable(() -> SpecFiles.load(yaml)), "sup.yaml");
            i++;
        }
        for (String input : yamlCorpus()) {
            Path yaml = Files.writeString(Files.createDirectories(dir.resolve("y" + i++)).resolve("sup.yaml"), input);
            assertHuman("spec (yaml)", input, catchThrowable(() -> SpecFiles.load(yaml)), "sup.yaml");
        }
    }

    @Test
    void gatewayConfigReader_namesTheFile_andLeaksNothing() throws Exception {
        int i = 0;
        List<String> all = new ArrayList<>(jsonCorpus());
        all.addAll(yamlCorpus());
        for (String input : all) {
            Path yaml = Files.writeString(dir.resolve("gateway" + i++ + ".yaml"), input);
            assertHuman("gateway config", input, catchThrowable(() -> GatewayConfigFile.readProfile(yaml)),
                    yaml.getFileName().toString());
        }
    }

    @Test
    void aDirectoryOrALink_whereAFileIsWanted_isSaidSo() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("gateway.yaml"));
        Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), folder);
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.yaml"), dir.resolve("gone"));

        assertThat(catchThrowable(() -> GatewayConfigFile.readProfile(folder)))
                .hasMessage("gateway.yaml: is a directory, not a gateway configuration file");
        assertThat(catchThrowable(() -> GatewayConfigFile.readProfile(link)))
                .hasMessage("link.yaml: is a link to a directory, not a gateway configuration file");
        assertThat(catchThrowable(() -> GatewayConfigFile.readProfile(dangling)))
                .hasMessage("dangling.yaml: is a link that leads nowhere");
        assertThat(catchThrowable(() -> SpecFiles.parse(folder))).hasMessageEndingWith("is a directory, not a spec file");
    }

    @Test
    void syntaxErrors_areOneLine_withLineAndColumn() throws Exception {
        Path yaml = Files.writeString(dir.resolve("gateway.yaml"), "identity:\n  product: p\n  os: linux\n"
                + " architecture: x\n");
        Path json = Files.writeString(dir.resolve("gateway.json"), "{\n  \"identity\": {\n    \"os\": \"linux\",,\n");

        assertThat(catchThrowable(() -> GatewayConfigFile.readProfile(yaml)).getMessage())
                .matches("gateway\\.yaml:4:\\d+: not valid YAML: [^\\n]+");
        assertThat(catchThrowable(() -> GatewayConfigFile.readProfile(json)).getMessage())
                .matches("gateway\\.json:3:\\d+: not valid JSON: [^\\n]+");
    }
}
