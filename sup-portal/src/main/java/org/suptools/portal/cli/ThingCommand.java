package org.suptools.portal.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.suptools.portal.store.Deletions;
import org.suptools.portal.store.Thing;
import org.suptools.portal.store.Things;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sup-portal thing add KEY --token T --app-id A}, {@code thing import FILE} and {@code thing delete KEY}. */
@Command(name = "thing", mixinStandardHelpOptions = true, description = "Manages things (gateways).",
        subcommands = {ThingCommand.Add.class, ThingCommand.Import.class, ThingCommand.Delete.class})
final class ThingCommand {

    /** Adds a thing, or changes its token and app id. */
    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Adds a thing, or changes the token and app id of one that exists. It connects with "
                    + "client id = app id, user name = key, password = token.")
    static final class Add implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Parameters(paramLabel = "KEY", description = "The thing key: letters, digits, '.', '_' or '-'.")
        String key;

        @Option(names = "--token", required = true, description = "The app token, its MQTT password.")
        String token;

        @Option(names = "--app-id", required = true, description = "The app id, its MQTT client id.")
        String appId;

        @Override
        public Integer call() {
            Thing thing = new Things(data.open(), data.clock()).put(key, token, appId);
            spec.commandLine().getOut().println("thing " + thing.key() + " (app id " + thing.appId() + ")");
            return 0;
        }
    }

    /** Adds or updates a whole fleet from a file, in one process. */
    @Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Adds the things listed in FILE, or changes the token and app id of those that exist: one "
                    + "per line, KEY APP_ID TOKEN (the token is the rest of the line); blank lines and lines "
                    + "starting with # are skipped. Every line is checked first: a bad one adds none.")
    static final class Import implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Parameters(paramLabel = "FILE", description = "The things, one per line: KEY APP_ID TOKEN.")
        Path file;

        @Override
        public Integer call() {
            List<Thing> things = ThingListFile.read(file);
            int added = new Things(data.open(), data.clock()).putAll(things);
            spec.commandLine().getOut().println("imported " + things.size() + " things from " + file + " ("
                    + added + " new, " + (things.size() - added) + " updated)");
            return 0;
        }
    }

    /** Deletes a thing. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes a thing: its credentials stop working at once on the embedded broker (a running "
                    + "serve drops its connection); on mosquitto run mosquitto-config again and send SIGHUP. Refused "
                    + "(exit 3) while a campaign not finished has it as a member. Its mailbox and log stay while a "
                    + "finished campaign names it.")
    static final class Delete implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Parameters(paramLabel = "KEY", description = "The thing key.")
        String key;

        @Override
        public Integer call() {
            Thing thing = new Deletions(data.open(), data.clock()).deleteThing(key);
            spec.commandLine().getOut().println("deleted thing " + thing.key() + " (app id " + thing.appId() + ")");
            return 0;
        }
    }
}
