package org.suptools.agent.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.agent.store.JobStore;
import org.suptools.agent.job.AgentErrors;
import org.suptools.agent.job.Stage;
import org.suptools.agent.job.UpdateJob;
import org.suptools.tr50.FileGetResult;
import org.suptools.tr50.PortalErrorCodes;

class DownloaderTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final Downloader.RetryPolicy RETRIES = new Downloader.RetryPolicy(4, Duration.ofSeconds(2),
            Duration.ofSeconds(10));

    @TempDir
    Path temp;

    private final byte[] content = content(3 * 1024 * 1024 + 123);
    private final List<Duration> waits = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
    private final List<String> failedAttempts = new ArrayList<>();

    @Test
    void fetch_resumesWithRangeAndANewFileIdAfterADroppedConnection() throws Exception {
        FakeFileSource source = new FakeFileSource(content, n -> n == 0
                ? FakeFileSource.Behaviour.breakAfter(content.length / 2) : FakeFileSource.Behaviour.normal());

        DownloadOutcome outcome = downloader(source, announced(crc(content))).fetch(job());

        assertThat(outcome).isInstanceOf(DownloadOutcome.Ready.class);
        assertThat(Files.readAllBytes(((DownloadOutcome.Ready) outcome).file())).isEqualTo(content);
        assertThat(source.offsets).containsExactly(0L, (long) content.length / 2);
        assertThat(source.ifRanges).as("the resume asks for the rest of the same bytes")
                .containsExactly(Optional.empty(), Optional.of("\"v1\""));
        assertThat(source.fileIds).containsExactly("id-1", "id-2");
        assertThat(source.bytesSent).isLessThan((long) (content.length * 1.1));
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThat(outcome.job().stage()).isEqualTo(Stage.DOWNLOAD_COMPLETE);
    }

    @Test
    void fetch_resumesAfterAFileThatEndedEarly() throws Exception {
        FakeFileSource source = new FakeFileSource(content, n -> n == 0
                ? FakeFileSource.Behaviour.endEarlyAfter(1000) : FakeFileSource.Behaviour.normal());

        DownloadOutcome outcome = downloader(source, announced(crc(content))).fetch(job());

        assertThat(outcome).isInstanceOf(DownloadOutcome.Ready.class);
        assertThat(source.offsets).containsExactly(0L, 1000L);
        assertThat(Files.readAllBytes(((DownloadOutcome.Ready) outcome).file())).isEqualTo(content);
    }

    @Test
    void fetch_afterARestartTrimsTheFileToItsLastCheckpoint() throws Exception {
        JobStore jobs = new JobStore(temp.resolve("jobs"));
        UpdateJob interrupted = job().expecting(content.length, crc(content), CLOCK.instant())
                .downloaded(2_000_000, CLOCK.instant()).at(Stage.DOWNLOADING, CLOCK.instant());
        Path part = temp.resolve("downloads/M1/acme.sup.part");
        Files.createDirectories(part.getParent());
        byte[] onDisk = java.util.Arrays.copyOf(content, 2_500_000);
        java.util.Arrays.fill(onDisk, 2_000_000, 2_500_000, (byte) 0);
        Files.write(part, onDisk);
        FakeFileSource source = new FakeFileSource(content, n -> FakeFileSource.Behaviour.normal());

        DownloadOutcome outcome = downloader(source, announced(crc(content)), jobs).fetch(interrupted);

        assertThat(source.offsets).containsExactly(2_000_000L);
        assertThat(Files.readAllBytes(((DownloadOutcome.Ready) outcome).file())).isEqualTo(content);
    }

    @Test
    void fetch_startsAgainWhenTheEndpointIgnoresTheRange() throws Exception {
        FakeFileSource source = new FakeFileSource(content, n -> n == 0
                ? FakeFileSource.Behaviour.breakAfter(5000) : FakeFileSource.Behaviour.ignoringRange());

        DownloadOutcome outcome = downloader(source, announced(crc(content))).fetch(job());

        assertThat(Files.readAllBytes(((DownloadOutcome.Ready) outcome).file())).isEqualTo(content);
    }

    @Test
    void fetch_refusesAFileWhoseCrcDiffersAndDeletesIt() throws Exception {
        FakeFileSource source = new FakeFileSource(content, n -> FakeFileSource.Behaviour.normal());

        DownloadOutcome outcome = downloader(source, announced(crc(content) ^ 1)).fetch(job());

        assertThat(outcome).isInstanceOf(DownloadOutcome.Failed.class);
        DownloadOutcome.Failed failed = (DownloadOutcome.Failed) outcome;
        assertThat(failed.result().errorCode()).isEqualTo(AgentErrors.PACKAGE_CORRUPT);
        assertThat(failed.result().errorMessage()).contains("acme.sup was refused before the install", "CRC-32");
        assertThat(source.offsets).hasSize(1);
        assertThat(temp.resolve("downloads/M1")).isEmptyDirectory();
    }

    @Test
    void fetch_refusesMoreBytesThanAnnounced() throws Exception {
        FileIds shortAnnounced = name -> {
            asked.add(name);
            return new FileGetResult("id-" + asked.size(), content.length - 10, crc(content));
        };
        FakeFileSource lying = new FakeFileSource(content, n -> FakeFileSource.Behaviour.normal()) {
            @Override
            public Fetch open(String fileId, long offset, Optional<String> ifRange) {
                Fetch fetch = super.open(fileId, offset, ifRange);
                return new Fetch(fetch.status(), fetch.start(), java.util.OptionalLong.empty(), fetch.tag(),
                        fetch.body());
            }
        };

        DownloadOutcome outcome = downloader(lying, shortAnnounced).fetch(job());

        assertThat(((DownloadOutcome.Failed) outcome).result().errorCode()).isEqualTo(AgentErrors.PACKAGE_CORRUPT);
        assertThat(((DownloadOutcome.Failed) outcome).result().errorMessage()).contains("more than");
        assertThat(temp.resolve("downloads/M1")).isEmptyDirectory();
        assertThat(lying.offsets).hasSize(1);
    }

    @Test
    void fetch_failsAtOnceWhenThePortalHasNoSuchFile() throws Exception {
        FakeFileSource source = new FakeFileSource(content, n -> FakeFileSource.Behaviour.normal());
        FileIds missing = name -> {
            asked.add(name);
            throw new PortalRefusal(PortalErrorCodes.FILE_NOT_FOUND, "SUP 'acme.sup' not found.");
        };

        DownloadOutcome outcome = downloader(source, missing).fetch(job());

        DownloadOutcome.Failed failed = (DownloadOutcome.Failed) outcome;
        assertThat(failed.result().errorCode()).isEqualTo(-90008);
        assertThat(failed.result().errorMessage()).isEqualTo("SUP 'acme.sup' not found.");
        assertThat(asked).containsExactly("acme.sup");
        assertThat(waits).isEmpty();
        assertThat(source.offsets).isEmpty();
    }

    @Test
    void fetch_givesUpOnAnExpiredIdAfterTheBoundedAttempts() throws Exception {
        FakeFileSource source = new FakeFileSource(content, n -> FakeFileSource.Behaviour.status(404));

        DownloadOutcome outcome = downloader(source, announced(crc(content))).fetch(job());

        DownloadOutcome.Failed failed = (DownloadOutcome.Failed) outcome;
        assertThat(failed.result().errorCode()).isEqualTo(AgentErrors.DOWNLOAD_FAILED);
        assertThat(failed.result().errorMessage()).contains("after 4 attempts", "HTTP 404", "expired");
        assertThat(asked).hasSize(4);
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    @Test
    void fetch_countsAttemptsAcrossRestarts() throws Exception {
        JobStore jobs = new JobStore(temp.resolve("jobs"));
        FakeFileSource source = new FakeFileSource(content, n -> FakeFileSource.Behaviour.status(503));
        UpdateJob tried = job();
        for (int i = 0; i < 3; i++) {
            tried = tried.downloadStarted(CLOCK.instant());
        }

        DownloadOutcome outcome = downloader(source, announced(crc(content)), jobs).fetch(tried);

        assertThat(outcome).isInstanceOf(DownloadOutcome.Failed.class);
        assertThat(asked).hasSize(1);
        assertThat(jobs.find("M1").orElseThrow().downloadAttempts()).isEqualTo(4);
    }

    @Test
    void fetch_ofAFileReplacedBeforeTheResume_fetchesTheNewFileWholeWithoutIfRange() throws Exception {
        byte[] replaced = content(content.length, 43);
        FakeFileSource source = new FakeFileSource(content, n -> n == 0
                ? FakeFileSource.Behaviour.breakAfter(content.length / 2) : FakeFileSource.Behaviour.normal());
        List<byte[]> versions = new ArrayList<>(List.of(content, replaced));
        FileIds portal = name -> {
            asked.add(name);
            if (asked.size() == 2) {
                source.replace(replaced, "\"v2\"");
                versions.remove(0);
            }
            return new FileGetResult("id-" + asked.size(), versions.get(0).length, crc(versions.get(0)));
        };

        DownloadOutcome outcome = downloader(source, portal).fetch(job());

        assertThat(Files.readAllBytes(((DownloadOutcome.Ready) outcome).file())).isEqualTo(replaced);
        assertThat(source.offsets).as("file.get announced another CRC: the part was of no use")
                .containsExactly(0L, 0L);
        assertThat(source.ifRanges).containsExactly(Optional.empty(), Optional.empty());
        assertThat(outcome.job().partTag()).contains("\"v2\"");
    }

    @Test
    void fetch_ofAFileReplacedBehindAnUnchangedAnnouncement_isToldByIfRangeAndFetchedAgainWhole() throws Exception {
        // The portal's file.get still announces the old file when the resume's GET already serves the
        // new one (a portal that resolves the id when it is used): only the ETag tells them apart.
        byte[] replaced = content(content.length, 43);
        FakeFileSource source = new FakeFileSource(content, n -> n == 0
                ? FakeFileSource.Behaviour.breakAfter(content.length / 2) : FakeFileSource.Behaviour.normal());
        FileIds portal = name -> {
            asked.add(name);
            if (asked.size() == 2) {
                source.replace(replaced, "\"v2\"");
                return new FileGetResult("id-2", content.length, crc(content));
            }
            byte[] now = asked.size() == 1 ? content : replaced;
            return new FileGetResult("id-" + asked.size(), now.length, crc(now));
        };
        JobStore jobs = new JobStore(temp.resolve("jobs"));

        DownloadOutcome outcome = downloader(source, portal, jobs).fetch(job());

        assertThat(outcome).isInstanceOf(DownloadOutcome.Ready.class);
        assertThat(Files.readAllBytes(((DownloadOutcome.Ready) outcome).file()))
                .as("the new file, whole, never a mix").isEqualTo(replaced);
        assertThat(source.offsets).containsExactly(0L, (long) content.length / 2, 0L);
        assertThat(source.ifRanges).containsExactly(Optional.empty(), Optional.of("\"v1\""), Optional.empty());
        assertThat(outcome.job().expectedCrc32()).hasValue(crc(replaced));
        assertThat(jobs.find("M1").orElseThrow().partTag()).contains("\"v2\"");
        assertThat(source.bytesSent).as("the 200 to the stale If-Range was not read")
                .isLessThan((long) (content.length * 1.6));
    }

    @Test
    void fetch_afterARestart_sendsTheTagKeptWithThePartAndAppendsTheRest() throws Exception {
        JobStore jobs = new JobStore(temp.resolve("jobs"));
        jobs.save(job().expecting(content.length, crc(content), CLOCK.instant()).downloaded(2_000_000, CLOCK.instant())
                .taggedPart(Optional.of("\"v1\""), CLOCK.instant()).at(Stage.DOWNLOADING, CLOCK.instant()));
        Path part = temp.resolve("downloads/M1/acme.sup.part");
        Files.createDirectories(part.getParent());
        Files.write(part, java.util.Arrays.copyOf(content, 2_000_000));
        UpdateJob reloaded = jobs.find("M1").orElseThrow();
        FakeFileSource source = new FakeFileSource(content, n -> FakeFileSource.Behaviour.normal());

        DownloadOutcome outcome = downloader(source, announced(crc(content)), jobs).fetch(reloaded);

        assertThat(reloaded.partTag()).as("the tag is on disk with the part").contains("\"v1\"");
        assertThat(source.offsets).containsExactly(2_000_000L);
        assertThat(source.ifRanges).containsExactly(Optional.of("\"v1\""));
        assertThat(source.bytesSent).isEqualTo(content.length - 2_000_000);
        assertThat(Files.readAllBytes(((DownloadOutcome.Ready) outcome).file())).isEqualTo(content);
    }

    @Test
    void fetch_ofAFileDamagedOnTheWay_goesOnFromTheFirstDamagedChunkOfItsIndex() throws Exception {
        IndexedPackage sup = IndexedPackage.build(temp.resolve("built"));
        FakeFileSource source = new FakeFileSource(sup.bytes(), n -> n == 0
                ? FakeFileSource.Behaviour.damagingTheByteAt(sup.chunkStart(1) + 1000) : FakeFileSource.Behaviour.normal());

        DownloadOutcome outcome = downloader(source, announcedFile(sup.bytes())).fetch(job());

        assertThat(outcome).isInstanceOf(DownloadOutcome.Ready.class);
        assertThat(Files.readAllBytes(((DownloadOutcome.Ready) outcome).file())).isEqualTo(sup.bytes());
        assertThat(source.offsets).as("the second request starts at the damaged chunk")
                .containsExactly(0L, sup.chunkStart(1));
        assertThat(source.bytesSent).isEqualTo(2L * sup.bytes().length - sup.chunkStart(1));
        assertThat(waits).hasSize(1);
        assertThat(failedAttempts).singleElement().asString().startsWith("its CRC-32 is")
                .contains("chunk 1 of payload/image.bin", "it is fetched again from that byte");
    }

    @Test
    void fetch_ofAFileDamagedAlikeEveryTime_isRefusedAfterOneRepair() throws Exception {
        IndexedPackage sup = IndexedPackage.build(temp.resolve("built"));
        FakeFileSource source = new FakeFileSource(sup.bytes(), n -> FakeFileSource.Behaviour.damagingTheByteAt(
                sup.chunkStart(1) + 1000));

        DownloadOutcome outcome = downloader(source, announcedFile(sup.bytes())).fetch(job());

        assertThat(outcome).isInstanceOf(DownloadOutcome.Failed.class);
        assertThat(((DownloadOutcome.Failed) outcome).result().errorCode()).isEqualTo(AgentErrors.PACKAGE_CORRUPT);
        assertThat(source.offsets).containsExactly(0L, sup.chunkStart(1));
        assertThat(temp.resolve("downloads/M1/acme.sup.part")).doesNotExist();
    }

    @Test
    void fetch_afterARestart_ofAPartHoldingADamagedChunk_goesOnFromThatChunk() throws Exception {
        IndexedPackage sup = IndexedPackage.build(temp.resolve("built"));
        long kept = sup.chunkStart(1) + 100;
        JobStore jobs = new JobStore(temp.resolve("jobs"));
        jobs.save(job().expecting(sup.bytes().length, crc(sup.bytes()), CLOCK.instant())
                .downloaded(kept, CLOCK.instant()).taggedPart(Optional.of("\"v1\""), CLOCK.instant())
                .at(Stage.DOWNLOADING, CLOCK.instant()));
        Path part = temp.resolve("downloads/M1/acme.sup.part");
        Files.createDirectories(part.getParent());
        Files.write(part, java.util.Arrays.copyOf(sup.damagedAt(sup.chunkStart(0) + 5), (int) kept));
        FakeFileSource source = new FakeFileSource(sup.bytes(), n -> FakeFileSource.Behaviour.normal());

        DownloadOutcome outcome = downloader(source, announcedFile(sup.bytes()), jobs).fetch(jobs.find("M1").orElseThrow());

        assertThat(Files.readAllBytes(((DownloadOutcome.Ready) outcome).file())).isEqualTo(sup.bytes());
        assertThat(source.offsets).containsExactly(kept, sup.chunkStart(0));
    }

    private Downloader downloader(FileSource source, FileIds ids) {
        return downloader(source, ids, new JobStore(temp.resolve("jobs")));
    }

    private Downloader downloader(FileSource source, FileIds ids, JobStore jobs) {
        return new Downloader(ids, source, jobs, temp.resolve("downloads"), CLOCK, waits::add, RETRIES,
                new Downloader.Progress() {
                    @Override
                    public void at(UpdateJob job, long bytes, long total) {
                    }

                    @Override
                    public void attemptFailed(UpdateJob job, String problem) {
                        failedAttempts.add(problem);
                    }
                });
    }

    private FileIds announced(long crc32) {
        return name -> {
            asked.add(name);
            return new FileGetResult("id-" + asked.size(), content.length, crc32);
        };
    }

    private FileIds announcedFile(byte[] file) {
        return name -> {
            asked.add(name);
            return new FileGetResult("id-" + asked.size(), file.length, crc(file));
        };
    }

    private static UpdateJob job() {
        return UpdateJob.received("M1", "acme", Optional.empty(), CLOCK.instant());
    }

    static byte[] content(int size) {
        return content(size, 42);
    }

    static byte[] content(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

}
