package org.suptools.installer.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.installer.api.ExitCode;
import org.suptools.installer.api.InstallError;
import org.suptools.installer.api.event.InstallEvent;
import org.suptools.installer.api.event.RequestInfo;
import org.suptools.installer.testing.FakeRuntime;
import org.suptools.installer.testing.TestGateway;
import org.suptools.installer.testing.TestPackages;
import org.suptools.installer.testing.TreeSnapshot;
import org.suptools.model.archive.Sha256;

/**
 * Payloads staged while the package is verified: the file an action installs is the very file
 * the verifying read wrote (renamed, not copied again), a payload two actions place is streamed
 * to each, and nothing staged outlives the install, whether it succeeds or is refused.
 */
class PayloadStagingTest {

    @TempDir
    Path dir;

    private static final String COPY_ONCE = """
            actions:
              - id: config
                type: file.copy
                source: app.conf
                destination: conf/app.conf
                mode: "0640"
            """;

    private static Object inode(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    private static List<Path> staged(TestGateway gateway) throws IOException {
        Path staging = PayloadStaging.directory(gateway.stateDir());
        if (!Files.isDirectory(staging)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(staging)) {
            return files.toList();
        }
    }

    @Test
    void install_renamesTheFileTheVerifyingReadWroteIntoPlace() throws Exception {
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), new FakeRuntime(true));
        String content = "staged config\n".repeat(20_000);
        Path sup = TestPackages.signed(dir.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY_ONCE,
                Map.of("app.conf", content));
        List<Object> stagedInodes = new ArrayList<>();
        List<String> stagedHashes = new ArrayList<>();

        var outcome = gateway.install(sup, RequestInfo.manual(Optional.empty()), event -> {
            if (event instanceof InstallEvent.Verified) {
                try {
                    for (Path file : staged(gateway)) {
                        stagedInodes.add(inode(file));
                        stagedHashes.add(Sha256.ofFile(file));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCEEDED);
        Path installed = gateway.home().resolve("conf/app.conf");
        assertThat(stagedHashes).containsExactly(Sha256.of(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(stagedInodes).containsExactly(inode(installed));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(installed))).isEqualTo("rw-r-----");
        assertThat(PayloadStaging.directory(gateway.stateDir())).doesNotExist();
    }

    @Test
    void install_aPayloadTwoActionsPlace_isStreamedToEachWithItsOwnMode() throws Exception {
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), new FakeRuntime(true));
        Path sup = TestPackages.signed(dir.resolve("p.sup"), TestPackages.header("p", "1.0.0") + """
                actions:
                  - id: one
                    type: file.copy
                    source: app.conf
                    destination: conf/one.conf
                    mode: "0600"
                  - id: two
                    type: file.copy
                    source: app.conf
                    destination: conf/two.conf
                    mode: "0644"
                """, Map.of("app.conf", "shared\n"));
        List<Path> stagedWhenVerified = new ArrayList<>();

        var outcome = gateway.install(sup, RequestInfo.manual(Optional.empty()), event -> {
            if (event instanceof InstallEvent.Verified) {
                try {
                    stagedWhenVerified.addAll(staged(gateway));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCEEDED);
        assertThat(stagedWhenVerified).isEmpty();
        assertThat(gateway.read("conf/one.conf")).isEqualTo("shared\n");
        assertThat(gateway.read("conf/two.conf")).isEqualTo("shared\n");
        assertThat(inode(gateway.home().resolve("conf/one.conf"))).isNotEqualTo(inode(gateway.home().resolve("conf/two.conf")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(gateway.home().resolve("conf/one.conf"))))
                .isEqualTo("rw-------");
    }

    @Test
    void install_refusedAfterItsPayloadWasStaged_leavesNoStagedFileAndNothingChanged() throws Exception {
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), new FakeRuntime(true));
        Path sup = TestPackages.signed(dir.resolve("p.sup"), "name: p\nversion: 1.0.0\ntargets:\n  - product: other\n"
                + "    os: linux\n    architecture: x86_64\n" + COPY_ONCE, Map.of("app.conf", "new\n"));
        TreeSnapshot before = gateway.snapshot();
        List<Path> stagedWhenStarted = new ArrayList<>();

        var outcome = gateway.install(sup, RequestInfo.manual(Optional.empty()), event -> {
            if (event instanceof InstallEvent.Started) {
                try {
                    stagedWhenStarted.addAll(staged(gateway));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });

        assertThat(outcome.error()).contains(InstallError.TARGET_MISMATCH);
        assertThat(stagedWhenStarted).as("the payload was staged before the target was checked").hasSize(1);
        assertThat(PayloadStaging.directory(gateway.stateDir())).doesNotExist();
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void install_payloadFailingItsHash_isRefusedWithNoStagedFileLeft() throws Exception {
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), new FakeRuntime(true));
        Path sup = TestPackages.signed(dir.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY_ONCE,
                Map.of("app.conf", "PAYLOAD-CONTENT-0123456789\n"));
        byte[] bytes = Files.readAllBytes(sup);
        bytes[new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("PAYLOAD-CONTENT") + 3] = 'X';
        Files.write(sup, bytes);
        TreeSnapshot before = gateway.snapshot();

        var outcome = gateway.install(sup);

        assertThat(outcome.error()).contains(InstallError.VERIFICATION_FAILED);
        assertThat(outcome.message()).contains("app.conf", "SHA-256");
        assertThat(PayloadStaging.directory(gateway.stateDir())).doesNotExist();
        assertThat(gateway.snapshot()).isEqualTo(before);
    }

    @Test
    void install_aStagingDirectoryLeftByAKilledInstaller_isClearedFirst() throws Exception {
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), new FakeRuntime(true));
        Path leftover = PayloadStaging.directory(gateway.stateDir()).resolve("0.payload");
        Files.createDirectories(leftover.getParent());
        Files.writeString(leftover, "half a payload");
        Path sup = TestPackages.signed(dir.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY_ONCE,
                Map.of("app.conf", "new\n"));

        var outcome = gateway.install(sup);

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.SUCCEEDED);
        assertThat(gateway.read("conf/app.conf")).isEqualTo("new\n");
        assertThat(PayloadStaging.directory(gateway.stateDir())).doesNotExist();
    }

    @Test
    void install_noRoomForThePayloadAndTheReserve_stagesNothingAndThePlanSaysWhatIsMissing() throws Exception {
        TestGateway gateway = TestGateway.create(dir.resolve("gw"), new FakeRuntime(true), "minFreeSpace: 1000TiB\n");
        Path sup = TestPackages.signed(dir.resolve("p.sup"), TestPackages.header("p", "1.0.0") + COPY_ONCE,
                Map.of("app.conf", "new\n"));
        List<Boolean> stagingExistedWhenVerified = new ArrayList<>();

        var outcome = gateway.install(sup, RequestInfo.manual(Optional.empty()), event -> {
            if (event instanceof InstallEvent.Verified) {
                stagingExistedWhenVerified.add(Files.exists(PayloadStaging.directory(gateway.stateDir())));
            }
        });

        assertThat(stagingExistedWhenVerified).containsExactly(false);
        assertThat(outcome.error()).contains(InstallError.PLAN_REFUSED);
        assertThat(outcome.message()).contains("not enough free space");
    }
}
