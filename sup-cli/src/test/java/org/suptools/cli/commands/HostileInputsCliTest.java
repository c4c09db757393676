package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.cli.support.Projects;
import org.suptools.cli.support.Sup;
import org.suptools.cli.support.Sup.Result;

/**
 * Hostile specs and packages through the command line's validate, build, verify and inspect:
 * each is refused with lines that name the file and read as sentences, never a Java class name,
 * a Jackson feature name or a stack-trace fragment.
 */
class HostileInputsCliTest {

    static final Pattern LEAK = Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Z]\\w+|Exception|START_OBJECT|END_OBJECT|PT\\d"
            + "|StreamReadConstraints|JsonReadFeature|CoercionConfig|ALLOW_|FAIL_ON|`|\\[Source:|\\bat [a-z]+\\.\\w+\\("
            + "|java\\.|com\\.fasterxml|snakeyaml|\\(code \\d+\\)|internal error");

    @TempDir
    Path temp;

    static List<String> corpus() {
        return List.of("", "null", "[]", "\"text\"", "{\"formatVersion\": NaN}", "{\"formatVersion\": Infinity}",
                "{\"formatVersion\": 1e999}", "{\"formatVersion\": 1.0}", "{\"formatVersion\": " + "9".repeat(401) + "}",
                "{\"formatVersion\": " + "9".repeat(1001) + "}", "{\"formatVersion\": 1} {}",
                "{\"formatVersion\": 1, \"name\": \"a\", \"name\": \"b\"}", "{\"formatVersion\": 1, \"name\": {}}",
                "{\"formatVersion\": 1, \"actions\": [[]]}", "{\"formatVersion\": 1, \"targets\": [null]}",
                "{\"formatVersion\": 1, \"actions\": [{\"id\": \"a\", \"type\": \"runtime.stop\", \"timeout\": 0}]}",
                "{\"formatVersion\": 1, \"payloads\": [{\"path\": 1, \"size\": 1.5}]}", "{\"a\": \"unterminated",
                "[".repeat(3000) + "]".repeat(3000), "{\"\u200Bname\": 1}");
    }

    static void assertHuman(String what, Result result, String fileName) {
        assertThat(result.exitCode()).as(what + ": " + result).isNotZero();
        String text = result.out() + result.err();
        assertThat(text).as(what + ": " + result).contains(fileName);
        assertThat(LEAK.matcher(text).find()).as(what + " leaks library internals: " + result).isFalse();
        assertThat(text.codePoints().filter(c -> c == 0x200B).count()).as(what + ": " + result).isZero();
    }

    @Test
    void hostileSpecs_throughValidateAndBuild() throws Exception {
        int i = 0;
        for (String input : corpus()) {
            for (String name : List.of("sup.yaml", "sup.json")) {
                Path project = Files.createDirectories(temp.resolve("p" + i++));
                Path spec = Files.writeString(project.resolve(name), input);
                assertHuman("validate " + name + " " + shorten(input), Sup.run("validate", spec), name);
                assertHuman("build " + name + " " + shorten(input), Sup.run("build", project, "-o",
                        temp.resolve("out" + i + ".sup"), "-q"), name);
            }
        }
    }

    @Test
    void hostileManifests_throughVerifyValidateAndInspect() throws Exception {
        int i = 0;
        for (String input : corpus()) {
            Path sup = zip(temp.resolve("hostile" + i++ + ".sup"), input, "{\"signatures\": []}");
            assertHuman("verify " + shorten(input), Sup.run("verify", sup, "--no-trust"), sup.getFileName().toString());
            assertHuman("validate " + shorten(input), Sup.run("validate", sup), sup.getFileName().toString());
            assertHuman("inspect " + shorten(input), Sup.run("inspect", sup), sup.getFileName().toString());
        }
    }

    @Test
    void hostileSignatures_ofARealPackage_throughVerify() throws Exception {
        Path built = temp.resolve("real.sup");
        Result build = Sup.run("build", Projects.simple(temp.resolve("real"), "1.0.0", "a=1\n"), "-o", built, "-q");
        assertThat(build.exitCode()).as(build.toString()).isZero();
        int i = 0;
        for (String input : corpus()) {
            Path sup = withSignatures(built, temp.resolve("signed" + i++ + ".sup"), input);
            Result verify = Sup.run("verify", sup, "--no-trust");
            assertHuman("verify " + shorten(input), verify, sup.getFileName().toString());
            assertThat(verify.err()).as(verify.toString()).contains("signatures.json");
        }
    }

    /** A copy of a package whose signatures.json holds {@code signatures}, every other entry as it was. */
    static Path withSignatures(Path sup, Path copy, String signatures) throws Exception {
        try (ZipFile in = new ZipFile(sup.toFile()); OutputStream out = Files.newOutputStream(copy);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            boolean written = false;
            for (ZipEntry entry : Collections.list(in.entries())) {
                if (entry.getName().equals("signatures.json")) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(zip);
                }
                zip.closeEntry();
                if (!written) {
                    zip.putNextEntry(new ZipEntry("signatures.json"));
                    zip.write(signatures.getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                    written = true;
                }
            }
        }
        return copy;
    }

    @Test
    void aDirectoryWhereAFileIsWanted_isSaidSo() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("folder.sup"));
        Path specFolder = Files.createDirectories(temp.resolve("spec/sup.yaml"));

        for (List<Object> args : List.<List<Object>>of(List.of("verify", folder, "--no-trust"), List.of("validate", folder),
                List.of("inspect", folder), List.of("validate", specFolder))) {
            Result result = Sup.run(args.toArray());
            assertHuman(args.toString(), result, String.valueOf(args.get(1)));
            assertThat(result.out() + result.err()).as(args.toString()).contains("directory");
        }
    }

    /** A package-shaped archive: manifest.json first, then signatures.json, as the format lays them out. */
    static Path zip(Path file, String manifest, String signatures) throws Exception {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("signatures.json"));
            zip.write(signatures.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    static String shorten(String input) {
        return input.length() > 50 ? input.substring(0, 50) + "..." : input;
    }
}
