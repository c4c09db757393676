package org.suptools.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.suptools.cli.SupMain;
import org.suptools.installer.cli.InstallerMain;
import org.suptools.samples.sandbox.SandboxMain;
import picocli.CommandLine;

/**
 * The CLI reference: one Markdown page per command line, generated from the very command lines
 * that {@code SupMain}, {@code InstallerMain} and {@code SandboxMain} run. The build writes the
 * pages to docs/target/reference; copies are committed in docs/reference, and a test keeps them
 * current.
 */
public final class CliReference {

    /** The command that rewrites the committed copies in docs/reference. */
    public static final String REGENERATE = "mvn -pl docs -am test -Dtest=CliReferenceIsCurrentTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dsup.docs.update=true";

    private static final String GENERATED = "<!-- Generated from the picocli commands by "
            + "org.suptools.docs.CliReference; do not edit. Regenerate with: " + REGENERATE + " -->\n";

    private CliReference() {
    }

    /** Writes every page into the directory named by the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CliReference OUTPUT_DIRECTORY");
        }
        Path directory = Files.createDirectories(Path.of(args[0]));
        for (Map.Entry<String, String> page : pages().entrySet()) {
            Files.writeString(directory.resolve(page.getKey()), page.getValue());
        }
    }

    /** Each page's Markdown by its file name, in a fixed order. */
    public static Map<String, String> pages() {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("sup.md", page(SupMain.commandLine(),
                "`sup` authors, builds, signs and checks software update packages (.sup), on a workstation or in CI."
                        + " Below is every command and option, as `sup COMMAND --help` prints them."));
        pages.put("sup-installer.md", page(InstallerMain.commandLine(),
                "`sup-installer` applies software update packages (.sup) on a gateway."
                        + " Below is every command and option, as `sup-installer COMMAND --help` prints them."));
        pages.put("sup-sandbox.md", page(SandboxMain.commandLine(),
                "`sup-sandbox` lays out a sandbox gateway to try packages on, with the sample runtime: demo and test"
                        + " support from sample-packages, not part of the installer."
                        + " Below is every option, as `sup-sandbox --help` prints them."));
        return pages;
    }

    private static String page(CommandLine commandLine, String intro) {
        return GENERATED + CommandReference.render(commandLine, intro);
    }
}
