package org.suptools.portal.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.suptools.portal.http.ReleasesView;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.Release;
import org.suptools.portal.store.Releases;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sup-portal release publish | list | withdraw}: what a gateway's {@code update.check} is answered with. */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = "Manages releases: Developer Files offered to gateways that check for updates themselves.",
        subcommands = {ReleaseCommand.Publish.class, ReleaseCommand.ListReleases.class, ReleaseCommand.Withdraw.class})
final class ReleaseCommand {

    /** Publishes a Developer File as a release with a distribution policy. */
    @Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Publishes an uploaded .sup Developer File as a release under its manifest's name and "
                    + "version. A gateway's update.check is answered with the newest release whose policy selects it "
                    + "and that is newer than what it has installed. A policy that does not parse is refused (exit 2) "
                    + "naming the column; a name and version already published is refused (exit 3).")
    static final class Publish implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Parameters(paramLabel = "FILE", description = "The Developer File's name, such as acme-config-1.5.0.sup.")
        String file;

        @Option(names = "--policy", required = true, paramLabel = "EXPR",
                description = "The distribution policy, such as: product == \"dw-gateway\" && "
                        + "runtimeVersion >= \"1.2.0\" (see portal.md for the language). \"true\" selects every gateway.")
        String policy;

        @Override
        public Integer call() {
            Release release = new Releases(data.open(), data.clock()).publish(file, policy);
            spec.commandLine().getOut().printf("published %s from %s (%d bytes, sha256 %s)%n", release.label(),
                    release.fileName(), release.size(), release.sha256());
            return 0;
        }
    }

    /** Lists the releases, newest first. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the releases, newest first, as /api/releases serves them with --json.")
    static final class ListReleases implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Option(names = "--json", description = "Print the releases as JSON, as /api/releases serves them.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            DataDir dir = data.open();
            Releases releases = new Releases(dir, data.clock());
            List<Release> all = releases.all();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new String(dir.json().writeValueAsBytes(ReleasesView.of(releases)), StandardCharsets.UTF_8));
            } else if (all.isEmpty()) {
                out.println("no releases");
            } else {
                for (Release release : all) {
                    out.printf("%-24s %-16s %-32s %s%s%n", release.name(), release.version(), release.fileName(),
                            release.policy(), releases.isCurrent(release) ? "" : "  (file replaced: not offered)");
                }
            }
            out.flush();
            return 0;
        }
    }

    /** Withdraws a release. */
    @Command(name = "withdraw", mixinStandardHelpOptions = true,
            description = "Withdraws a release: no check is answered with it from now on. Its Developer File stays.")
    static final class Withdraw implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Parameters(index = "0", paramLabel = "NAME", description = "The package name.")
        String name;

        @Parameters(index = "1", paramLabel = "VERSION", description = "The version, as release list shows it.")
        String version;

        @Override
        public Integer call() {
            Release release = new Releases(data.open(), data.clock()).withdraw(name, version);
            spec.commandLine().getOut().println("withdrew " + release.label());
            return 0;
        }
    }
}
