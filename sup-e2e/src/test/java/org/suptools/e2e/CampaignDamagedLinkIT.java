package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.e2e.Launchers.Keys;

/**
 * A campaign over a faulty link, with real processes as in {@link CampaignIT}: the portal serves
 * with {@code --fault damage-first-download} (the first download of a file has its middle byte
 * flipped, later ones are intact), and the package's payload is large enough for a chunk index.
 * The file fails its CRC-32; the agent finds the damaged chunk by the package's chunk index and
 * fetches the file again from that chunk's first byte, instead of failing the update.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignDamagedLinkIT {

    private static final int CHUNK = 16 << 20;
    /** Three chunks (16, 16 and 8 MiB): the file's middle byte lies in the second. */
    private static final int PAYLOAD = 40 << 20;
    /** The package's bytes before its payload: the local headers, the manifest, the index. */
    private static final long HEADERS = 64 << 10;
    private static final String KEY = "gw-damaged-link";

    @TempDir
    static Path work;

    private Keys keys;
    private Portal portal;
    private WireObserver wire;
    private CountingProxy files;
    private final List<Agent> agents = new ArrayList<>();

    @BeforeAll
    void startPortal() throws Exception {
        Launchers.seeFreshJars();
        keys = Launchers.keygen(work.resolve("keys/damaged-link"));
        portal = Portal.start(work, List.of(Portal.Thing.named(KEY)), "--fault", "damage-first-download");
        wire = WireObserver.on(portal);
        files = CountingProxy.to(portal.http());
    }

    @AfterAll
    void stopEverything() throws Exception {
        CloseAll.inOrder(agents, files, wire, portal);
    }

    @Test
    void aFileDamagedOnTheWay_isFetchedAgainFromItsFirstDamagedChunk_andTheCampaignSucceeds() throws Exception {
        Path sup = RandomPayloadPackage.build(work, keys, "acme-image", PAYLOAD, "");
        long size = Files.size(sup);
        portal.upload(sup, "acme-image.sup");
        Agent agent = Agent.onSandbox(Portal.Thing.named(KEY), work.resolve(KEY), keys.publicKey(), portal);
        agents.add(agent);
        agent.useFileEndpoint(files.uri());
        agent.start();

        String id = portal.startCampaign("damaged-link", "acme-image.sup", List.of(KEY));
        JsonNode member = Portal.member(portal.awaitCompleted(id), KEY);

        assertThat(member.path("result").asText()).as(member.toPrettyString()).isEqualTo("success");
        InstallReport.of(agent.home()).assertSucceededFor(member.path("mailboxId").asText(), KEY);
        assertThat(agent.home().resolve("conf/acme-image.bin")).as("the payload in place, byte for byte")
                .hasSameBinaryContentAs(RandomPayloadPackage.payload(work, "acme-image"));
        assertThat(wire.sent(KEY, "file.get")).as("one more fetch, with a fresh file id").isEqualTo(2);
        // The whole file, then again from the first byte of its second chunk: not the file twice.
        assertThat(files.bytesFromServer()).as("bytes of a %d-byte file that crossed the wire", size)
                .isBetween(2 * size - CHUNK - HEADERS, 2 * size - CHUNK);
        assertThat(wire.acks(member.path("mailboxId").asText())).isEqualTo(1);
    }
}
