package org.suptools.agent.ota;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.agent.config.HttpAgentConfig;
import org.suptools.agent.config.HttpAgentConfigLoader;
import org.suptools.agent.download.IndexedPackage;
import org.suptools.agent.job.AgentErrors;
import org.suptools.agent.job.Stage;
import org.suptools.agent.store.AgentJson;
import org.suptools.agent.update.InstallStep;
import org.suptools.portal.files.Fault;

/**
 * The agent on the plain HTTP backend of seed 003, against the portal emulator's real {@code /ota/}
 * handler (in-process, on a free port) and the real installer (a separate JVM) on a small signed
 * gateway fixture: upgrade 0 and 1, settings, notify on success and failure, corrupt and
 * interrupted downloads revoked or resumed, and a kill in the middle of the download.
 */
class HttpBackendTest {

    /** The installer's class-data fixture: a signed cds-training 1.0.0 and a gateway that trusts its key. */
    private static final Path FIXTURE = Path.of("..", "sup-installer", "src", "cds").toAbsolutePath().normalize();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    OtaPortal portal;
    final List<String> log = new ArrayList<>();

    @AfterEach
    void stopPortal() {
        if (portal != null) {
            portal.close();
        }
    }

    private Path gateway() throws IOException {
        Path gateway = dir.resolve("gateway");
        if (!Files.isDirectory(gateway)) {
            copyTree(FIXTURE.resolve("gateway"), gateway);
        }
        return gateway;
    }

    private HttpAgentConfig config(String... extra) throws Exception {
        ObjectNode root = AgentJson.mapper().createObjectNode();
        ObjectNode backend = root.putObject("backend").put("type", "http")
                .put("versionUrl", portal.base + "/ota/version")
                .put("packageUrl", portal.base + "/ota/package/@")
                .put("notifyUrl", portal.base + "/ota/notify/@")
                .put("deviceId", "gw-1").put("password", "token-1").put("packageName", "cds-training");
        for (int i = 0; i < extra.length; i += 2) {
            String field = extra[i];
            if (field.startsWith("backend.")) {
                backend.put(field.substring("backend.".length()), extra[i + 1]);
            } else {
                root.put(field, extra[i + 1]);
            }
        }
        root.put("gatewayConfig", gateway().resolve("gateway.yaml").toString());
        ArrayNode installer = root.putArray("installer");
        installer.add(Path.of(System.getProperty("java.home"), "bin", "java").toString()).add("-Xmx64m").add("-cp")
                .add(System.getProperty("java.class.path")).add("org.suptools.installer.cli.InstallerMain");
        root.put("stateDir", dir.resolve("agent-state").toString());
        Path file = dir.resolve("agent.json");
        Files.write(file, AgentJson.bytes(root));
        return HttpAgentConfigLoader.load(file);
    }

    private HttpBackend agent(HttpAgentConfig config, PackageDownload.Checkpoints checkpoints) {
        return agent(config, checkpoints, 1024);
    }

    private HttpBackend agent(HttpAgentConfig config, PackageDownload.Checkpoints checkpoints, long checkpointEvery) {
        return new HttpBackend(config, InstallStep.Launchers.processes(config.stateDir().resolve("installer"),
                java.time.Duration.ofMinutes(2)), CLOCK, duration -> {
                }, log::add, checkpointEvery, checkpoints);
    }

    private HttpBackend agent(HttpAgentConfig config) {
        return agent(config, PackageDownload.Checkpoints.NONE);
    }

    private void serve(Fault... faults) throws Exception {
        portal = new OtaPortal(dir.resolve("portal"), Set.of(faults));
    }

    @Test
    void once_answeredUpgrade0_changesNothingAndNotifiesNothing() throws Exception {
        serve();
        HttpAgentConfig config = config();
        Map<String, String> before = tree(gateway());

        HttpBackend.Cycle cycle = agent(config).once();

        assertThat(cycle.reachable()).isTrue();
        assertThat(cycle.upgrade()).isFalse();
        assertThat(portal.lastCheck().version()).isEqualTo("0.0.0");
        assertThat(portal.lastCheck().userAgent()).isEqualTo("sup-agent/gw-1");
        assertThat(portal.notifications()).isEmpty();
        assertThat(tree(gateway())).isEqualTo(before);
        assertThat(new OtaStore(config.stateDir()).job()).isEmpty();
    }

    @Test
    void once_answeredUpgrade1_installsTheVerifiedPackageAndNotifiesSuccess() throws Exception {
        serve();
        portal.offer(FIXTURE.resolve("cds-training.sup"));
        HttpAgentConfig config = config();
        Path properties = gateway().resolve("dwcore/conf/app.properties");
        String before = Files.readString(properties);

        HttpBackend.Cycle cycle = agent(config).once();

        assertThat(cycle.reachable()).isTrue();
        assertThat(cycle.finished()).hasValueSatisfying(job -> {
            assertThat(job.stage()).isEqualTo(Stage.SUCCEEDED);
            assertThat(job.version()).contains("1.0.0");
        });
        assertThat(portal.notifications()).containsExactly("900 Success: 1.0.0 installed");
        assertThat(Files.readString(properties)).isNotEqualTo(before);
        assertThat(installs(config)).isEqualTo(1);
        assertThat(config.stateDir().resolve("ota/download")).doesNotExist();

        HttpBackend.Cycle again = agent(config).once();

        assertThat(again.upgrade()).isFalse();
        assertThat(portal.lastCheck().version()).isEqualTo("1.0.0");
        assertThat(installs(config)).isEqualTo(1);
        assertThat(portal.notifications()).hasSize(1);
    }

    @Test
    void once_takesTheSettingsItKnowsDurablyAndRefusesTheOthers() throws Exception {
        serve();
        portal.ota.set("checkPeriod", "1h");
        portal.ota.set("keepAlive", "60");
        portal.ota.set("downloadAttempts", "0");
        HttpAgentConfig config = config("backend.checkPeriod", "3h");
        HttpBackend agent = agent(config);

        HttpBackend.Cycle cycle = agent.once();

        assertThat(cycle.applied()).containsExactly("checkPeriod = 1h");
        assertThat(cycle.refused()).hasSize(2).anySatisfy(why -> assertThat(why).contains("'keepAlive'")
                .contains("is not a setting this agent takes")).anySatisfy(why -> assertThat(why)
                .contains("downloadAttempts: must be a whole number from 1 to 100, was '0'"));
        assertThat(agent.config().backend().checkPeriod()).hasHours(1);
        assertThat(agent.config().downloadAttempts()).isEqualTo(6);
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("setting refused: settings: key 'keepAlive'"));
        // Durable: the next start reads the file's 3h and the backend's 1h over it.
        assertThat(HttpAgentConfigLoader.load(dir.resolve("agent.json")).backend().checkPeriod()).hasHours(1);
    }

    @Test
    void once_aCorruptDownloadIsRevokedLeavingTheGatewayByteForByte() throws Exception {
        serve(Fault.CORRUPT_DOWNLOAD);
        portal.offer(FIXTURE.resolve("cds-training.sup"));
        HttpAgentConfig config = config();
        Map<String, String> before = tree(gateway());

        HttpBackend.Cycle cycle = agent(config).once();

        assertThat(cycle.finished()).hasValueSatisfying(job -> {
            assertThat(job.stage()).isEqualTo(Stage.DOWNLOAD_FAILED);
            assertThat(job.result().orElseThrow().errorCode()).isEqualTo(AgentErrors.PACKAGE_CORRUPT);
            assertThat(job.installAttempts()).isZero();
        });
        assertThat(tree(gateway())).isEqualTo(before);
        assertThat(portal.notifications()).singleElement().asString()
                .startsWith("901 Failure: -90202 the download is corrupt and is revoked: its SHA-256 is");
        assertThat(config.stateDir().resolve("ota/download")).doesNotExist();
    }

    @Test
    void once_aDownloadDamagedOnTheWay_goesOnFromItsFirstDamagedChunk_andReachesTheInstaller() throws Exception {
        serve(Fault.DAMAGE_FIRST_DOWNLOAD);
        Path offered = Files.createDirectories(dir.resolve("offered")).resolve("cds-training.sup");
        Files.write(offered, IndexedPackage.build(dir.resolve("built")).bytes());
        portal.offer(offered);

        // A checkpoint every MiB, not every KiB as for the small package: 32 MiB in 1 KiB checkpoints took a minute.
        HttpBackend.Cycle cycle = agent(config(), PackageDownload.Checkpoints.NONE, 1 << 20).once();

        assertThat(cycle.finished()).hasValueSatisfying(job -> {
            assertThat(job.downloadAttempts()).as("the whole file, then from the damaged chunk on").isEqualTo(2);
            assertThat(job.installAttempts()).as("the repaired download went to the installer").isEqualTo(1);
            assertThat(job.stage()).as("which refuses the unsigned package").isEqualTo(Stage.EXECUTION_FAILED);
        });
        assertThat(log).filteredOn(line -> line.contains("attempt 1 of 6")).singleElement().asString()
                .contains("its SHA-256 is", "chunk 0 of payload/image.bin", "fetched again from that byte");
    }

    @Test
    void once_checkpointsALargePackageEverySixtyFourthOfIt_notEveryMinimumStep() throws Exception {
        serve();
        Path offered = Files.createDirectories(dir.resolve("offered")).resolve("cds-training.sup");
        Files.write(offered, IndexedPackage.build(dir.resolve("built")).bytes());
        portal.offer(offered);
        List<Long> reached = new ArrayList<>();

        HttpBackend.Cycle cycle = agent(config(), job -> reached.add(job.downloadedBytes()), 1024).once();

        assertThat(cycle.finished()).hasValueSatisfying(job -> assertThat(job.installAttempts()).isEqualTo(1));
        long size = Files.size(offered);
        long every = size / 64;
        assertThat(reached).as("a checkpoint after every %d bytes or a little more, and one at the end", every)
                .hasSizeBetween(32, 65).endsWith(size);
        for (int i = 0; i + 1 < reached.size() - 1; i++) {
            // The bytes come in reads of up to 64 KiB: a checkpoint falls at the first read past the step.
            assertThat(reached.get(i + 1) - reached.get(i)).isBetween(every, every + 64 * 1024);
        }
    }

    @Test
    void once_aPackageTheInstallerDoesNotTrustIsRefusedAndTheFailureNotified() throws Exception {
        serve();
        portal.offer(FIXTURE.resolve("cds-training.sup"));
        HttpAgentConfig config = config();
        Path trust = gateway().resolve("trust/cds-training.pub");
        Files.writeString(trust, otherPublicKey());
        Map<String, String> before = tree(gateway().resolve("dwcore"), "logs");

        HttpBackend.Cycle cycle = agent(config).once();

        assertThat(cycle.finished()).hasValueSatisfying(job -> {
            assertThat(job.stage()).isEqualTo(Stage.EXECUTION_FAILED);
            assertThat(job.installAttempts()).isEqualTo(1);
        });
        assertThat(tree(gateway().resolve("dwcore"), "logs")).isEqualTo(before);
        assertThat(portal.notifications()).singleElement().asString().startsWith("901 Failure: -901")
                .containsIgnoringCase("sign");
    }

    @Test
    void once_anInterruptedDownloadGoesOnFromWhereItBrokeOff() throws Exception {
        serve(Fault.TRUNCATE_DOWNLOAD);
        portal.offer(FIXTURE.resolve("cds-training.sup"));
        HttpAgentConfig config = config();

        HttpBackend.Cycle cycle = agent(config).once();

        assertThat(cycle.finished()).hasValueSatisfying(job -> {
            assertThat(job.stage()).isEqualTo(Stage.SUCCEEDED);
            assertThat(job.downloadAttempts()).isEqualTo(2);
        });
        assertThat(portal.notifications()).containsExactly("900 Success: 1.0.0 installed");
    }

    @Test
    void once_aDownloadInterruptedMoreThanDownloadAttemptsIsRevoked() throws Exception {
        serve(Fault.TRUNCATE_DOWNLOAD);
        portal.offer(FIXTURE.resolve("cds-training.sup"));
        HttpAgentConfig config = config();
        Files.write(dir.resolve("agent.json"), AgentJson.bytes(((ObjectNode) AgentJson.mapper().readTree(
                dir.resolve("agent.json").toFile())).put("downloadAttempts", 1)));
        config = HttpAgentConfigLoader.load(dir.resolve("agent.json"));
        Map<String, String> before = tree(gateway());

        HttpBackend.Cycle cycle = agent(config).once();

        assertThat(cycle.finished()).hasValueSatisfying(job -> assertThat(job.stage())
                .isEqualTo(Stage.DOWNLOAD_FAILED));
        assertThat(tree(gateway())).isEqualTo(before);
        assertThat(portal.notifications()).singleElement().asString()
                .startsWith("901 Failure: -90201 the download was interrupted 1 time(s) and is revoked: the package"
                        + " ended at byte 1380 of 2760");
    }

    @Test
    void once_killedDuringTheDownload_goesOnAfterARestartAndInstallsOnce() throws Exception {
        serve();
        portal.offer(FIXTURE.resolve("cds-training.sup"));
        HttpAgentConfig config = config();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> agent(config, job -> {
            throw new Killed();
        }).once()).isInstanceOf(Killed.class);
        OtaJob left = new OtaStore(config.stateDir()).job().orElseThrow();
        assertThat(left.stage()).isEqualTo(Stage.DOWNLOADING);
        assertThat(left.downloadedBytes()).isEqualTo(1024);
        assertThat(portal.notifications()).isEmpty();

        HttpBackend.Cycle cycle = agent(config).once();

        assertThat(cycle.finished()).hasValueSatisfying(job -> {
            assertThat(job.id()).isEqualTo(left.id());
            assertThat(job.stage()).isEqualTo(Stage.SUCCEEDED);
        });
        assertThat(log).contains("going on with upgrade " + left.id() + " (DOWNLOADING)");
        assertThat(installs(config)).isEqualTo(1);
        assertThat(portal.notifications()).containsExactly("900 Success: 1.0.0 installed");
    }

    @Test
    void once_aNotifyURLOutOfReach_keepsTheResultAndPostsItNextTimeWithoutInstallingAgain() throws Exception {
        serve();
        portal.offer(FIXTURE.resolve("cds-training.sup"));
        HttpAgentConfig unreachable = config("backend.notifyUrl", portal.base + "/ota/nowhere/@");

        HttpBackend.Cycle first = agent(unreachable).once();

        assertThat(first.reachable()).isFalse();
        assertThat(new OtaStore(unreachable.stateDir()).job()).hasValueSatisfying(job -> {
            assertThat(job.stage()).isEqualTo(Stage.SUCCEEDED);
            assertThat(job.notified()).isFalse();
        });
        assertThat(portal.notifications()).isEmpty();

        HttpBackend.Cycle second = agent(config()).once();

        assertThat(second.finished()).hasValueSatisfying(job -> assertThat(job.notified()).isTrue());
        assertThat(portal.notifications()).containsExactly("900 Success: 1.0.0 installed");
        assertThat(installs(config())).isEqualTo(1);
    }

    @Test
    void once_whenTheInstallerCannotSayWhatIsInstalled_checksNothingAndSaysWhy() throws Exception {
        serve();
        portal.offer(FIXTURE.resolve("cds-training.sup"));
        config();
        ObjectNode root = (ObjectNode) AgentJson.mapper().readTree(dir.resolve("agent.json").toFile());
        root.putArray("installer").add("false");
        Files.write(dir.resolve("agent.json"), AgentJson.bytes(root));

        HttpBackend.Cycle cycle = agent(HttpAgentConfigLoader.load(dir.resolve("agent.json"))).once();

        assertThat(cycle.reachable()).isFalse();
        assertThat(portal.ota.device("gw-1")).as("no version was posted").isEmpty();
        assertThat(log).anySatisfy(line -> assertThat(line)
                .startsWith("no version check: the installed version is unknown: sup-installer status exited 1"));
    }

    @Test
    void supAgentOnce_withTheHttpBackendConfig_runsTheCycleAndExits0() throws Exception {
        serve();
        portal.offer(FIXTURE.resolve("cds-training.sup"));
        config();
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = org.suptools.agent.cli.AgentMain.commandLine();
        cli.setOut(new java.io.PrintWriter(out));

        int exit = cli.execute("once", "--config", dir.resolve("agent.json").toString());

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("sup-agent: version check at 0.0.0: upgrade 1 to 1.0.0",
                "sup-agent: notified: 900 Success: 1.0.0 installed");
        assertThat(portal.notifications()).containsExactly("900 Success: 1.0.0 installed");
    }

    /** Thrown from a checkpoint: the agent stops there as a killed process would, its files as they are. */
    private static final class Killed extends RuntimeException {
    }

    /** How many installs the gateway's installer recorded (its history). */
    private int installs(HttpAgentConfig config) throws IOException {
        Path history = gateway().resolve("state/history.jsonl");
        return Files.isRegularFile(history) ? (int) Files.readAllLines(history).stream().filter(l -> !l.isBlank())
                .count() : 0;
    }

    private static String otherPublicKey() throws Exception {
        byte[] key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key) + "\n-----END PUBLIC KEY-----\n";
    }

    /** Every file under {@code root} (but those under the {@code except} folders) by path, with its SHA-256. */
    private static Map<String, String> tree(Path root, String... except) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(file).toString();
                if (Stream.of(except).noneMatch(name::startsWith)) {
                    files.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(Files.readAllBytes(file))));
                }
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(source -> {
                try {
                    Path target = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @SuppressWarnings("unused")
    private static JsonNode json(Path file) throws IOException {
        return AgentJson.mapper().readTree(file.toFile());
    }
}
