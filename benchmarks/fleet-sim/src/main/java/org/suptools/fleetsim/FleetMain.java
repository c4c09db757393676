package org.suptools.fleetsim;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.Things;
import org.suptools.tr50.FileGet;
import org.suptools.tr50.FileGetResult;
import org.suptools.tr50.Tr50Result;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sup-fleet-sim register|file-id|run}: the benchmark's side of a campaign over many
 * gateways. Run by benchmarks/campaign-fleet.sh and benchmarks/agent-download-install.sh.
 */
@Command(name = "sup-fleet-sim", mixinStandardHelpOptions = true,
        description = "Simulated gateways for the campaign benchmarks.",
        subcommands = {FleetMain.Register.class, FleetMain.FileId.class, FleetMain.Run.class})
public final class FleetMain {

    public static void main(String[] args) {
        System.exit(new CommandLine(new FleetMain()).execute(args));
    }

    /** Adds every gateway of the fleet as a thing, in one process, with the portal's own store. */
    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Adds the fleet's things to the portal's data directory (what 'sup-portal thing add' does, "
                    + "once per thing, without a JVM per thing).")
    static final class Register implements Callable<Integer> {

        @CommandLine.Mixin
        FleetOptionsMixin options;

        @Option(names = "--data", required = true, description = "The portal's data directory.")
        Path data;

        @Override
        public Integer call() {
            Things things = new Things(new DataDir(data), Clock.systemUTC());
            long start = System.nanoTime();
            for (Fleet.Member member : options.fleet().members()) {
                things.put(member.key(), member.token(), member.appId());
            }
            System.out.printf("registered %d things in %.2f s%n", options.count, (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }

    /** {@code file.get} as one gateway of the fleet: prints the file id, size and CRC-32. */
    @Command(name = "file-id", mixinStandardHelpOptions = true,
            description = "Asks the portal for a file id as gateway 1 of the fleet does (file.get over MQTT) and "
                    + "prints 'FILE_ID SIZE CRC32'.")
    static final class FileId implements Callable<Integer> {

        @CommandLine.Mixin
        FleetOptionsMixin options;

        @CommandLine.Mixin
        BrokerOptions broker;

        @Option(names = "--file", required = true, description = "The Developer File's name, such as bench.sup.")
        String file;

        @Override
        public Integer call() throws Exception {
            Tr50Client client = new Tr50Client(options.fleet().member(1), broker.broker, broker.base,
                    Duration.ofSeconds(30), () -> { }, lost -> { });
            client.connect().get();
            try {
                Tr50Result result = client.call(FileGet.global(file));
                if (!(result instanceof Tr50Result.Success success)) {
                    System.err.println("sup-fleet-sim: file.get " + file + " failed: "
                            + ((Tr50Result.Failure) result).describe());
                    return 1;
                }
                FileGetResult got = FileGetResult.read(success.params());
                System.out.println(got.fileId() + " " + got.fileSize() + " " + got.crc32());
                return 0;
            } finally {
                client.disconnect().get();
            }
        }
    }

    /** The simulated fleet itself. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Connects the fleet's gateways and answers one campaign message each; exits 0 when every "
                    + "gateway acked success once.")
    static final class Run implements Callable<Integer> {

        @CommandLine.Mixin
        FleetOptionsMixin options;

        @CommandLine.Mixin
        BrokerOptions broker;

        @Option(names = "--http", required = true, description = "The portal's HTTP endpoint, such as http://127.0.0.1:8080.")
        URI http;

        @Option(names = "--workers", defaultValue = "32", description = "Threads for the gateways' requests and downloads (default: ${DEFAULT-VALUE}).")
        int workers;

        @Option(names = "--ready", required = true, description = "Written once every gateway is connected.")
        Path ready;

        @Option(names = "--result", required = true, description = "Where the JSON summary goes.")
        Path result;

        @Option(names = "--deadline", defaultValue = "1800", description = "Seconds to wait for the acks once connected (default: ${DEFAULT-VALUE}).")
        long deadline;

        @Override
        public Integer call() throws Exception {
            return new FleetRun(options.fleet(), broker.broker, broker.base, http, workers, ready,
                    Duration.ofSeconds(deadline)).run(result, System.out);
        }
    }

    /** The fleet's options as a picocli mixin. */
    static final class FleetOptionsMixin {

        @Option(names = "--prefix", defaultValue = "gw-", description = "Thing keys' start (default: ${DEFAULT-VALUE}).")
        String prefix;

        @Option(names = "--count", required = true, description = "How many gateways.")
        int count;

        @Option(names = "--secret", required = true, description = "The app tokens' common start (8 to 64 letters or digits).")
        String secret;

        Fleet fleet() {
            return new Fleet(prefix, count, secret);
        }
    }

    /** Where the broker is. */
    static final class BrokerOptions {

        @Option(names = "--broker", required = true, description = "The broker, tcp://HOST:PORT.")
        URI broker;

        @Option(names = "--base", defaultValue = "sup", description = "The portal's topic base (default: ${DEFAULT-VALUE}).")
        String base;
    }
}
