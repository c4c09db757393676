package org.suptools.portal.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.suptools.portal.store.Deletions;
import org.suptools.portal.store.FileStore;
import org.suptools.portal.store.StoredFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sup-portal file upload FILE [--thing KEY]} and {@code file delete NAME [--thing KEY]}. */
@Command(name = "file", mixinStandardHelpOptions = true, description = "Manages Developer Files.",
        subcommands = {FileCommand.Upload.class, FileCommand.Delete.class})
final class FileCommand {

    /** Uploads a Developer File (or one thing's own file). */
    @Command(name = "upload", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Uploads a file to the Developer Files (every .sup there can be chosen for a campaign), "
                    + "or with --thing to one thing's own files. A file of the same name is replaced.")
    static final class Upload implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Parameters(paramLabel = "FILE", description = "The file to upload.")
        Path file;

        @Option(names = "--name", description = "The name in the portal (default: the file's name).")
        Optional<String> name;

        @Option(names = "--thing", paramLabel = "KEY", description = "Upload to this thing's own files instead.")
        Optional<String> thing;

        @Override
        public Integer call() {
            FileStore store = thing.map(key -> FileStore.thingFiles(data.open(), key, data.clock()))
                    .orElseGet(() -> FileStore.developerFiles(data.open(), data.clock()));
            StoredFile stored = store.upload(file, name.orElse(file.getFileName().toString()));
            spec.commandLine().getOut().printf("%s: %d bytes, crc32 %d%s%n", stored.name(), stored.size(),
                    stored.crc32(), stored.isSup() && thing.isEmpty() ? " (can be chosen for a campaign)" : "");
            return 0;
        }
    }

    /** Deletes a Developer File (or one thing's own file). */
    @Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Deletes a Developer File, or with --thing one of a thing's own files. A Developer File "
                    + "that a campaign not finished sends is refused (exit 3). A download already running finishes.")
    static final class Delete implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Parameters(paramLabel = "NAME", description = "The file's name in the portal.")
        String name;

        @Option(names = "--thing", paramLabel = "KEY", description = "Delete from this thing's own files instead.")
        Optional<String> thing;

        @Override
        public Integer call() {
            Deletions deletions = new Deletions(data.open(), data.clock());
            StoredFile deleted = thing.map(key -> deletions.deleteThingFile(key, name))
                    .orElseGet(() -> deletions.deleteDeveloperFile(name));
            spec.commandLine().getOut().println("deleted " + deleted.name() + " (" + deleted.size() + " bytes)");
            return 0;
        }
    }
}
