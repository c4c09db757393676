package org.suptools.cli.commands;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.suptools.cli.SupHome;
import org.suptools.cli.options.CommonOptions;
import org.suptools.model.files.AtomicFiles;
import org.suptools.model.manifest.PackageName;
import org.suptools.model.spec.SpecFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sup init DIR}: a new package project that validates and builds as it is. */
@Command(name = "init",
        header = "Start a package project: DIR/sup.yaml with a commented example, and DIR/payload/.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = "Create a package project: DIR/sup.yaml with a commented example, and DIR/payload/ "
                + "with the example payload file it uses.",
        footer = {"%nExamples:", "  sup init my-package", "  sup init my-package --name acme-config"})
public final class InitCommand implements Callable<Integer> {

    static final String PAYLOAD_FILE = "app.properties";
    private static final String SCHEMA = "docs/schema/sup-spec.schema.json";

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Parameters(paramLabel = "DIR", description = "The project directory; created when absent.")
    private Path dir;

    @Option(names = "--name", paramLabel = "NAME", description = "The package name (default: made from DIR's name).")
    private String name;

    @Option(names = "--force", description = "Replace an existing sup.yaml.")
    private boolean force;

    @Override
    public Integer call() throws IOException {
        String packageName = packageName();
        Path specFile = dir.resolve(SpecFiles.DEFAULT_NAME);
        if (Files.exists(specFile) && !force) {
            throw new FileAlreadyExistsException(specFile.toString(), null, "exists already; --force replaces it");
        }
        Path payloadDir = dir.resolve("payload");
        Files.createDirectories(payloadDir);
        Path payload = payloadDir.resolve(PAYLOAD_FILE);
        boolean payloadWritten = false;
        if (!Files.exists(payload)) {
            AtomicFiles.write(payload, template(PAYLOAD_FILE).getBytes(StandardCharsets.UTF_8));
            payloadWritten = true;
        }
        String text = template("sup.yaml").replace("{{modeline}}", modeline()).replace("{{name}}", packageName);
        AtomicFiles.write(specFile, text.getBytes(StandardCharsets.UTF_8));
        if (!common.quiet()) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Created " + specFile + (payloadWritten ? " and " + payload : ""));
            out.println("Next: sup validate " + dir + ", then sup build " + dir + " -o " + packageName + ".sup");
        }
        return 0;
    }

    private String packageName() {
        if (name == null) {
            return ProjectName.of(dir);
        }
        try {
            return PackageName.check(name);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
    }

    /** Points YAML-aware editors at the spec's JSON Schema, when this sup runs from a source tree that has it. */
    private String modeline() {
        return SupHome.find()
                .map(home -> home.resolve(SCHEMA))
                .filter(Files::isRegularFile)
                .map(schema -> "# yaml-language-server: $schema="
                        + dir.toAbsolutePath().normalize().relativize(schema).toString().replace('\\', '/') + "\n#\n")
                .orElse("");
    }

    private static String template(String file) throws IOException {
        try (InputStream in = InitCommand.class.getResourceAsStream("init/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource init/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
