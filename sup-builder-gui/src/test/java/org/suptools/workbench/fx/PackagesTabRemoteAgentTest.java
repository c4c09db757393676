package org.suptools.workbench.fx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.json.SupJson;
import org.suptools.model.signing.KeyAlgorithm;
import org.suptools.model.signing.KeyFiles;
import org.suptools.model.signing.KeyPairs;
import org.suptools.workbench.Workbench;
import org.suptools.workbench.service.AgentGateways;
import org.suptools.workbench.service.FilePayloadStore;
import org.suptools.workbench.service.GatewayBook;
import org.suptools.workbench.service.GatewayEntry;
import org.suptools.workbench.service.GatewayInfo;
import org.suptools.workbench.service.InstallerInTempFolder;
import org.suptools.workbench.service.ModelPackageService;
import org.suptools.workbench.view.FxBackgroundRunner;
import org.suptools.workbench.viewmodel.ApplyViewModel;
import org.suptools.workbench.viewmodel.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Packages tab against a real gateway agent over HTTPS: {@code bin/sup-sandbox} makes a
 * gateway, {@code bin/sup-agent run} serves its management endpoint on localhost (its own
 * certificate, a token), and the window adds the gateway by trusting the fingerprint the agent
 * logged, shows its installed packages, applies a signed package there and shows the result; a
 * gateway whose certificate is not the trusted one is refused before anything is sent. Saves the
 * screenshots of the remote flow.
 */
@ExtendWith(ApplicationExtension.class)
class PackagesTabRemoteAgentTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SANDBOX = ROOT.resolve("bin/sup-sandbox");
    private static final Path AGENT = ROOT.resolve("bin/sup-agent");
    private static final String TOKEN = "5f0c2a9e81d34b7c9a6e2f10d8b4c3a7";
    private static final Pattern ENDPOINT =
            Pattern.compile("management endpoint on https://127\\.0\\.0\\.1:(\\d+), certificate SHA-256 ([0-9A-F:]+)");

    @TempDir
    Path dir;

    @RegisterExtension
    final UserHome home = new UserHome();

    Path gateway;
    PrivateKey key;
    List<String> stopRuntime = List.of();
    Process agent;
    final BlockingQueue<String> agentLog = new LinkedBlockingQueue<>();
    int port;
    String fingerprint;
    GatewayBook book;
    MainViewModel vm;
    Workbench workbench;
    Stage stage;
    final AnsweringDialogs dialogs = new AnsweringDialogs();

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @BeforeEach
    void gatewayWithAnAgent() throws Exception {
        home.set(dir);
        KeyPair pair = KeyPairs.generate(KeyAlgorithm.ED25519);
        KeyFiles.Written keys = KeyFiles.write(dir.resolve("throwaway"), pair);
        key = pair.getPrivate();
        gateway = dir.resolve("gw");
        String out = SandboxFixtures.run(List.of(SANDBOX.toString(), gateway.toString(), "--trust",
                keys.publicKeyFile().toString(), "--architecture", SandboxFixtures.ARCHITECTURE), 300);
        for (String line : out.lines().toList()) {
            if (line.startsWith("stop runtime:")) {
                stopRuntime = List.of(line.substring("stop runtime:".length()).trim().split("\\s+"));
            }
        }
        Path agentDir = Files.createDirectories(dir.resolve("agent"));
        Files.writeString(agentDir.resolve("manage.token"), TOKEN + "\n");
        Files.writeString(agentDir.resolve("portal.token"), "unused\n");
        Files.writeString(agentDir.resolve("agent.yaml"), """
                thingKey: gw-remote
                appId: app-gw-remote
                appTokenFile: portal.token
                # No portal in this test: the agent keeps trying it, and serves its endpoint meanwhile.
                broker: tcp://127.0.0.1:1
                fileEndpoint: http://127.0.0.1:1
                gatewayConfig: %s
                stateDir: state
                manage:
                  enabled: true
                  address: 127.0.0.1
                  port: 0
                  tokenFile: manage.token
                """.formatted(gateway.resolve("gateway.yaml")));
        agent = new ProcessBuilder(AGENT.toString(), "run", "--config", agentDir.resolve("agent.yaml").toString())
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(agent.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    agentLog.add(line);
                }
            } catch (IOException e) {
                agentLog.add("(the agent's output ended: " + e + ")");
            }
        }, "agent-log");
        reader.setDaemon(true);
        reader.start();
        Matcher endpoint = awaitLog(ENDPOINT, 300);
        port = Integer.parseInt(endpoint.group(1));
        fingerprint = endpoint.group(2);

        book = new GatewayBook(dir.resolve("config/sup-workbench"));
        var services = new MainViewModel.Services(new FilePayloadStore(), new ModelPackageService(Clock.systemUTC()),
                new FxBackgroundRunner(), new InstallerInTempFolder(), List.of(ROOT.resolve("bin/sup-installer")
                        .toString()), Clock.systemUTC(), new AgentGateways(book));
        WaitForAsyncUtils.asyncFx(() -> {
            workbench = Workbench.show(stage, services, dialogs, Optional.empty());
            vm = workbench.viewModel();
        }).get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (agent != null) {
            agent.destroy();
            if (!agent.waitFor(30, TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
        }
        if (!stopRuntime.isEmpty()) {
            SandboxFixtures.run(stopRuntime, 60);
        }
    }

    @Test
    void applyToARemoteAgentOverHttps_trustedOnFirstUse_showsTheResultAndTheNewPackage(FxRobot robot)
            throws Exception {
        Path pkg = build("demo-remote", """
                  - id: data-dir
                    type: dir.create
                    path: data/remote
                  - id: app-config
                    type: file.copy
                    source: app.conf
                    destination: conf/remote.conf
                """);
        robot.clickOn("#tab-apply");
        robot.clickOn("#gateway-name").write("gw-remote");
        robot.clickOn("#gateway-address").eraseText(8).write("https://127.0.0.1:" + port);
        robot.clickOn("#gateway-token").write(TOKEN);
        robot.clickOn("#gateway-check");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> !vm.gateways().pendingFingerprintProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#gateway-fingerprint").queryAs(Label.class).getText())
                .as("the fingerprint shown is the one the agent logged").isEqualTo("SHA-256 " + fingerprint);
        assertThat(robot.lookup("#gateway-fingerprint").queryAs(Label.class).getChildrenUnmodifiable().stream()
                .filter(javafx.scene.text.Text.class::isInstance).map(n -> ((javafx.scene.text.Text) n).getText()))
                .as("shown whole, not cut short to 'SHA-256 ...'").containsExactly("SHA-256 " + fingerprint);
        Screenshots.save(workbench.scene(), "workbench-packages-remote-trust");

        robot.clickOn("#gateway-trust");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> vm.gateways().identityProperty().get().contains("thing gw-remote"));
        assertThat(book.list()).extracting(GatewayEntry::certificateSha256).containsExactly(fingerprint);
        Path tokenFile = dir.resolve("config/sup-workbench/tokens/gw-remote.token");
        assertThat(Files.getPosixFilePermissions(tokenFile))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(vm.apply().gatewayTextProperty().get()).isEqualTo("remote: gw-remote (127.0.0.1:" + port + ")");

        dialogs.files.add(pkg);
        robot.clickOn("#apply-choose-package");
        robot.clickOn("#apply-button");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> vm.apply().phaseProperty().get() == ApplyViewModel.Phase.FINISHED);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.gateways().packages().stream()
                .anyMatch(p -> p.name().equals("demo-remote")));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(SandboxFixtures.tableStatuses(robot)).containsExactly("succeeded", "succeeded");
        assertThat(robot.lookup("#apply-outcome").queryAs(Label.class).getText()).isEqualTo("succeeded");
        assertThat(vm.apply().statusProperty().get()).startsWith("Finished: succeeded");
        JsonNode confirmation = SupJson.json().readTree(
                robot.lookup("#apply-confirmation").queryAs(TextArea.class).getText());
        assertThat(confirmation.path("status").asText()).isEqualTo("succeeded");
        assertThat(confirmation.path("package").path("name").asText()).isEqualTo("demo-remote");
        assertThat(confirmation.path("request").path("source").asText()).isEqualTo("manual");
        assertThat(confirmation.path("request").path("campaignId").isNull()).isTrue();
        assertThat(vm.apply().auditLines()).last().asString().contains("installed successfully");
        assertThat(vm.gateways().packages()).extracting(GatewayInfo.InstalledPackage::version).contains("1.0.0");
        Path runtimeHome = gateway.resolve("dwcore");
        assertThat(runtimeHome.resolve("data/remote")).isDirectory();
        assertThat(runtimeHome.resolve("conf/remote.conf")).hasContent("greeting=hello");
        assertThat(vm.apply().report()).contains("Gateway:  remote: gw-remote", "Outcome:  succeeded", "app-config");
        awaitLog(Pattern.compile("manual install [0-9a-f]{16} of demo-remote-1\\.0\\.0\\.sup ended with exit code 0"),
                60);

        Screenshots.save(workbench.scene(), "workbench-packages-remote");
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(workbench.scene(), "workbench-packages-remote-1024x700");
    }

    @Test
    void aGatewayWhoseCertificateIsNotTheTrustedOne_isRefusedLoudly_andNothingIsSent(FxRobot robot)
            throws Exception {
        String other = fingerprint.startsWith("AA") ? fingerprint.replaceFirst("AA", "BB")
                : "AA" + fingerprint.substring(2);
        book.save(new GatewayEntry("gw-moved", URI.create("https://127.0.0.1:" + port), other), TOKEN);
        Path pkg = build("demo-refused", """
                  - id: data-dir
                    type: dir.create
                    path: data/refused
                """);
        WaitForAsyncUtils.asyncFx(() -> vm.gateways().reload()).get(10, TimeUnit.SECONDS);
        robot.clickOn("#tab-apply");
        robot.clickOn("gw-moved (127.0.0.1:" + port + ")");
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.gateways().refusedProperty().get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not refused; the tab says: " + vm.gateways().identityProperty().get()
                    + " / selected " + vm.gateways().selectedProperty().get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#gateway-identity").queryAs(Label.class).getText())
                .startsWith("REFUSED: the certificate of gw-moved has CHANGED").contains(fingerprint, other);
        assertThat(robot.lookup("#gateway-identity").queryAs(Label.class).getStyleClass()).contains("outcome-failed");

        dialogs.files.add(pkg);
        robot.clickOn("#apply-choose-package");
        robot.clickOn("#apply-button");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> vm.apply().phaseProperty().get() == ApplyViewModel.Phase.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.apply().statusProperty().get()).contains("has CHANGED");
        assertThat(gateway.resolve("dwcore/data/refused")).doesNotExist();
        assertThat(agentLog).noneMatch(line -> line.contains("manual install"));
    }

    private Matcher awaitLog(Pattern pattern, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = agentLog.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            seen.add(line);
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher;
            }
        }
        throw new AssertionError("the agent never logged " + pattern + "; it logged: " + seen);
    }

    /** A package signed with the sandbox's trusted key, for the sandbox's identity. */
    private Path build(String name, String actions) throws Exception {
        return SandboxFixtures.signedPackage(dir, name,
                "applied to a remote gateway from the Workbench's Packages tab", actions, key);
    }
}
