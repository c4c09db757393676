package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.Launchers.ROOT;
import static org.suptools.e2e.Launchers.sup;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.e2e.Launchers.Keys;
import org.suptools.e2e.Launchers.Result;

/**
 * Campaigns whose package cannot arrive whole, with real processes as in {@link CampaignIT}: the portal
 * serves with {@code --fault corrupt-download} (every download has its middle byte flipped), and a
 * campaign's file that is gone from Developer Files by the time the gateway asks for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignFaultsIT {

    /** The agent's code for a package whose size or CRC-32 is not what file.get announced. */
    private static final int PACKAGE_CORRUPT = -90202;
    /** The portal's code for a file that is not there. */
    private static final int FILE_NOT_FOUND = -90008;

    @TempDir
    static Path work;

    private Keys keys;
    private Portal portal;
    private WireObserver wire;
    private final List<Agent> agents = new ArrayList<>();

    @BeforeAll
    void startPortal() throws Exception {
        Launchers.seeFreshJars();
        keys = Launchers.keygen(work.resolve("keys/faults"));
        portal = Portal.start(work, Stream.of("gw-corrupt", "gw-missing").map(Portal.Thing::named).toList(),
                "--fault", "corrupt-download");
        wire = WireObserver.on(portal);
        Path sup = work.resolve("runtime-config.sup");
        Result build = sup("build", ROOT.resolve("sample-packages/packages/runtime-config").toString(), "-o",
                sup.toString(), "--key", keys.privateKey().toString());
        assertThat(build.exit()).as(build.output()).isZero();
        portal.upload(sup, "acme-runtime-config.sup");
        portal.upload(sup, "acme-withdrawn.sup");
    }

    @AfterAll
    void stopEverything() throws Exception {
        CloseAll.inOrder(agents, wire, portal);
    }

    @TestFactory
    Stream<DynamicTest> faults() {
        String where = " (" + Portal.where() + ")";
        return Stream.of(
                DynamicTest.dynamicTest("a corrupt download is refused before the installer runs, the gateway "
                        + "unchanged, the failure acked" + where, this::corruptDownloadIsRefused),
                DynamicTest.dynamicTest("a campaign's file gone from Developer Files fails at once with -90008"
                        + where, this::missingFileFailsAtOnce));
    }

    private void corruptDownloadIsRefused() throws Exception {
        Agent agent = gateway("gw-corrupt");
        Map<String, String> before = Trees.snapshot(agent.home());
        agent.start();
        String id = portal.startCampaign("corrupt", "acme-runtime-config.sup", List.of("gw-corrupt"));

        JsonNode member = Portal.member(portal.awaitCompleted(id), "gw-corrupt");

        assertThat(member.path("result").asText()).as(member.toPrettyString()).isEqualTo("failure");
        assertThat(member.path("errorCode").asInt()).isEqualTo(PACKAGE_CORRUPT);
        assertThat(member.path("errorMessage").asText()).containsIgnoringCase("crc");
        assertThat(Trees.snapshot(agent.home())).as("the runtime home byte for byte as before").isEqualTo(before);
        assertThat(agent.home().resolve("logs/confirmation.json")).as("the installer never ran").doesNotExist();
        assertThat(installerRuns(agent)).as("the installer never ran").isEmpty();
        assertThat(downloads(agent)).as("the refused file is deleted").isEmpty();
        assertThat(wire.acks(member.path("mailboxId").asText())).isEqualTo(1);
    }

    private void missingFileFailsAtOnce() throws Exception {
        Agent agent = gateway("gw-missing");
        String id = portal.startCampaign("withdrawn", "acme-withdrawn.sup", List.of("gw-missing"));
        // Withdrawn from Developer Files after the campaign was made: the portal has no file by that name.
        Files.delete(portal.data().resolve("files/developer/meta/acme-withdrawn.sup.json"));
        agent.start();

        JsonNode member = Portal.member(portal.awaitCompleted(id), "gw-missing");

        assertThat(member.path("result").asText()).as(member.toPrettyString()).isEqualTo("failure");
        assertThat(member.path("errorCode").asInt()).isEqualTo(FILE_NOT_FOUND);
        assertThat(member.path("errorMessage").asText()).isEqualTo("SUP 'acme-withdrawn.sup' not found.");
        assertThat(wire.acks(member.path("mailboxId").asText())).isEqualTo(1);
        assertThat(wire.sent(agent.key(), "file.get")).as("file.get asked once, not retried").isEqualTo(1);
        assertThat(installerRuns(agent)).as("the installer never ran").isEmpty();
    }

    private static List<Path> installerRuns(Agent agent) throws Exception {
        return listed(agent.stateDir().resolve("installer"));
    }

    private static List<Path> downloads(Agent agent) throws Exception {
        return listed(agent.stateDir().resolve("downloads"));
    }

    private static List<Path> listed(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private Agent gateway(String key) throws Exception {
        Agent agent = Agent.onSandbox(Portal.Thing.named(key), work.resolve(key), keys.publicKey(), portal);
        agents.add(agent);
        return agent;
    }
}
