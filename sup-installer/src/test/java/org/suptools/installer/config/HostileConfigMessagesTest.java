package org.suptools.installer.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.problem.Problem;
import org.suptools.model.problem.ShownText;

/**
 * Hostile gateway configs fed to the installer's loader: every one is refused, and every line of
 * the refusal names the file and reads as a sentence, with no Java class name, Jackson feature
 * name or stack-trace fragment, and no invisible character left unescaped.
 */
class HostileConfigMessagesTest {

    static final Pattern LEAK = Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Z]\\w+|Exception|START_OBJECT|END_OBJECT|PT\\d"
            + "|StreamReadConstraints|JsonReadFeature|CoercionConfig|ALLOW_|FAIL_ON|`|\\[Source:|java\\.|snakeyaml"
            + "|\\(code \\d+\\)");

    @TempDir
    Path dir;

    static final String GOOD_REST = """
            identity: {product: p, os: linux, architecture: x86_64, runtimeVersion: 1.0.0}
            runtime: {start: [/bin/true], stop: [/bin/true], status: [/bin/true]}
            """;

    static List<String> corpus() {
        return List.of("", "null", "[]", "42", "\"text\"", "runtimeHome: .nan\n", "runtimeHome: [1]\n",
                "minFreeSpace: .inf\nallowUnsigned: true\nruntimeHome: home\n" + GOOD_REST,
                "minFreeSpace: 1e999\nallowUnsigned: true\nruntimeHome: home\n" + GOOD_REST,
                "minFreeSpace: " + "9".repeat(401) + "\nallowUnsigned: true\nruntimeHome: home\n" + GOOD_REST,
                "minFreeSpace: " + "9".repeat(1001) + "\n", "trust: {store: keys, threshold: " + "9".repeat(401) + "}\n",
                "trust: {threshold: 1.5}\n", "trust: {store: [x]}\n", "trust: 5\n", "allowUnsigned: yes please\n",
                "allowedRoots: {a: b}\n", "allowedRoots: [[x]]\n", "identity: {runtimeVersion: 5.1}\n",
                "identity: {runtimeVersion: {}}\n", "runtime: {start: start}\n", "runtime: {commandTimeout: 0}\n",
                "runtime: {healthWait: 1.5}\n", "runtime: {healthWait: -5}\n", "defaultActionTimeout: PT5M\n",
                "defaultActionTimeout: 99999999999h\n", "packageManagers: {apt: [apt]}\n", "packageManagers: [dpkg]\n",
                "runtimeHome: a\nruntimeHome: b\n", "a: b: c\n", "a:\n  b: 1\n c: 2\n", "x: [1, 2\n", "\tx: 1\n",
                "a: &x [*x]\n", "!!javax.script.ScriptEngineManager [x]\n", "---\na: 1\n---\nb: 2\n",
                "\u200BruntimeHome: x\n", "runtimeHome\u202E: x\n", "[".repeat(3000) + "]".repeat(3000) + "\n",
                "{\"runtimeHome\": \"home\"} {}\n");
    }

    @Test
    void everyHostileConfig_isRefusedWithMessagesAPersonCanAct_on() throws Exception {
        Files.createDirectories(dir.resolve("home"));
        int i = 0;
        for (String input : corpus()) {
            for (String suffix : List.of(".yaml", ".json")) {
                Path file = Files.writeString(dir.resolve("gateway" + i++ + suffix), input);
                ConfigCheck check = GatewayConfigLoader.check(file, true);
                String shown = input.length() > 50 ? input.substring(0, 50) + "..." : input;

                assertThat(check.ok()).as(shown).isFalse();
                for (Problem problem : check.problems()) {
                    String line = problem.in(file.getFileName().toString());
                    assertThat(line).as(shown).startsWith(file.getFileName().toString() + ":").doesNotContain("\n");
                    assertThat(LEAK.matcher(line).find()).as("%s leaks: %s", shown, line).isFalse();
                    assertThat(line.codePoints().filter(ShownText::isInvisible).count()).as(line).isZero();
                }
            }
        }
    }
}
