package org.suptools.portal.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.suptools.portal.http.OtaView;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.Ota;
import org.suptools.portal.store.OtaConfig;
import org.suptools.portal.store.OtaDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sup-portal ota offer | withdraw | set | unset | show}: the plain HTTP backend of {@code /ota/}. */
@Command(name = "ota", mixinStandardHelpOptions = true,
        description = "Configures the plain HTTP update backend (POST /ota/version, GET /ota/package/<thingKey>, "
                + "POST /ota/notify/<thingKey>): the package offered, the settings sent, and what devices reported.",
        subcommands = {OtaCommand.Offer.class, OtaCommand.Withdraw.class, OtaCommand.Set.class, OtaCommand.Unset.class,
            OtaCommand.Show.class})
final class OtaCommand {

    /** Offers a .sup Developer File. */
    @Command(name = "offer", mixinStandardHelpOptions = true,
            description = "Offers an uploaded .sup Developer File: a version check posting an older version than its "
                    + "manifest's is answered upgrade 1, and /ota/package/<thingKey> serves it.")
    static final class Offer implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Parameters(paramLabel = "FILE", description = "The Developer File's name, such as acme-config-1.5.0.sup.")
        String file;

        @Override
        public Integer call() {
            OtaConfig.Offer offer = new Ota(data.open(), data.clock()).offer(file);
            spec.commandLine().getOut().printf("offering %s %s from %s (%d bytes, sha256 %s)%n", offer.name(),
                    offer.version(), offer.fileName(), offer.size(), offer.sha256());
            return 0;
        }
    }

    /** Offers nothing. */
    @Command(name = "withdraw", mixinStandardHelpOptions = true,
            description = "Offers no package: every version check is answered upgrade 0. The settings stay.")
    static final class Withdraw implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            new Ota(data.open(), data.clock()).withdrawOffer();
            spec.commandLine().getOut().println("no package offered");
            return 0;
        }
    }

    /** Sets one setting. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Sets a setting every version check answer carries, for the device to apply to its config.")
    static final class Set implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Parameters(index = "0", paramLabel = "KEY", description = "The setting's key, such as period.")
        String key;

        @Parameters(index = "1", paramLabel = "VAL", description = "Its value, a string, such as 1hr.")
        String val;

        @Override
        public Integer call() {
            new Ota(data.open(), data.clock()).set(key, val);
            spec.commandLine().getOut().println(key + " = " + val);
            return 0;
        }
    }

    /** Removes one setting. */
    @Command(name = "unset", mixinStandardHelpOptions = true, description = "Removes a setting.")
    static final class Unset implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Parameters(paramLabel = "KEY", description = "The setting's key.")
        String key;

        @Override
        public Integer call() {
            new Ota(data.open(), data.clock()).unset(key);
            spec.commandLine().getOut().println("removed " + key);
            return 0;
        }
    }

    /** Shows the offer, the settings and what devices reported. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows the offer, the settings, and each device's last version check and notifications.")
    static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Option(names = "--json", description = "Print it as JSON, as /api/ota serves it.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            DataDir dir = data.open();
            OtaView view = OtaView.of(new Ota(dir, data.clock()));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new String(dir.json().writeValueAsBytes(view), StandardCharsets.UTF_8));
                out.flush();
                return 0;
            }
            out.println("offer:    " + view.offer().map(o -> o.name() + " " + o.version() + " from " + o.fileName()
                    + (o.offered() ? "" : " (file replaced or deleted: not offered)")).orElse("none"));
            out.println("settings: " + (view.settings().isEmpty() ? "none" : ""));
            view.settings().forEach(s -> out.println("  " + s.key() + " = " + s.val()));
            out.println("devices:  " + (view.devices().isEmpty() ? "none" : ""));
            for (OtaDevice device : view.devices()) {
                out.println("  " + device.thingKey() + device.lastCheck().map(c -> ": checked " + c.on() + " at "
                        + c.version() + ", upgrade " + c.upgrade()).orElse(": no check"));
                device.notifications().forEach(n -> out.println("    " + n.on() + "  " + n.result()));
            }
            out.flush();
            return 0;
        }
    }
}
