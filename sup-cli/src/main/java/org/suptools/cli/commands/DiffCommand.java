package org.suptools.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.suptools.cli.ExitCodes;
import org.suptools.cli.options.CommonOptions;
import org.suptools.cli.options.JsonOption;
import org.suptools.cli.output.JsonOutput;
import org.suptools.cli.packages.OpenedPackage;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.packaging.Change;
import org.suptools.model.packaging.PackageDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sup diff A.sup B.sup}: what changed from A to B. */
@Command(name = "diff",
        header = "Show what changed between two packages.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show what changed from package A to package B: metadata, targets, requirements, "
                + "actions (matched by id, so a reorder shows as moves), payloads by hash, and signers.",
            "Lines start with + (added), - (removed), ~ (changed) or > (moved). The packages' structure is "
                + "checked, their payloads are not hashed."},
        footer = {"%nExamples:", "  sup diff my-package-1.0.sup my-package-1.1.sup",
            "  sup diff my-package-1.0.sup my-package-1.1.sup --exit-code --json"})
public final class DiffCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Mixin
    private JsonOption json;

    @Parameters(index = "0", paramLabel = "A.sup", description = "The old package.")
    private Path a;

    @Parameters(index = "1", paramLabel = "B.sup", description = "The new package.")
    private Path b;

    @Option(names = "--exit-code", description = "Exit 1 when the packages differ, 0 when they do not (like git diff).")
    private boolean exitCode;

    @Override
    public Integer call() throws IOException, InvalidPackageException {
        Inputs.existing(a);
        Inputs.existing(b);
        OpenedPackage before = OpenedPackage.read(a);
        OpenedPackage after = OpenedPackage.read(b);
        List<Change> changes = PackageDiff.between(before.manifest(), before.signatures(), after.manifest(),
                after.signatures());
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            printJson(out, changes);
        } else if (!common.quiet()) {
            PackageDiff.lines(changes).forEach(out::println);
            out.flush();
        }
        return exitCode && !changes.isEmpty() ? ExitCodes.INVALID : ExitCodes.OK;
    }

    private void printJson(PrintWriter out, List<Change> changes) {
        ObjectNode root = JsonOutput.object();
        root.put("a", a.toString());
        root.put("b", b.toString());
        root.put("identical", changes.isEmpty());
        ArrayNode array = root.putArray("changes");
        for (Change change : changes) {
            ObjectNode node = array.addObject()
                    .put("kind", change.kind().name().toLowerCase(Locale.ROOT))
                    .put("location", change.location());
            node.put("before", change.before().orElse(null));
            node.put("after", change.after().orElse(null));
        }
        JsonOutput.print(out, root);
    }
}
