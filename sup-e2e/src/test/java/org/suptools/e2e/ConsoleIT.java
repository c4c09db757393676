package org.suptools.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.e2e.Launchers.ROOT;
import static org.suptools.e2e.Launchers.sup;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.suptools.e2e.Launchers.Keys;
import org.suptools.e2e.Launchers.Result;

/**
 * The portal's web console in a real browser (Debian's headless Chromium through Selenium), over a real
 * {@code bin/sup-portal serve} and three sandbox gateways with their {@code bin/sup-agent run} daemons and
 * real installers: a wrong token is refused, a signed .sup is uploaded, a campaign is created and started
 * over the three, and the page shows the members complete, one failing with the installer's message; a log
 * line with {@code <script>} in it from a gateway shows as text. Screenshots go to
 * {@code target/console-screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final List<String> GATEWAYS = List.of("gw-1", "gw-2", "gw-3");
    /** A gateway of another product: the package does not target it, so its install fails. */
    private static final String FAILING = "gw-3";
    private static final String HOSTILE = "gw-hostile";
    private static final String HOSTILE_LINE = "<script>window.pwned = 1;</script><b>not bold</b> & <img src=x "
            + "onerror=\"window.pwned = 2\">";
    private static final Duration CAMPAIGN_DEADLINE = Duration.ofSeconds(240);

    @TempDir
    static Path work;

    private Keys keys;
    private Portal portal;
    private final List<Agent> agents = new ArrayList<>();
    private ChromeDriver browser;
    private String consoleUrl;
    private String token;
    private Path sup;

    @BeforeAll
    void startEverything() throws Exception {
        browser = Browser.open();
        Launchers.seeFreshJars();
        keys = Launchers.keygen(work.resolve("keys/console"));
        List<Portal.Thing> things = new ArrayList<>(GATEWAYS.stream().map(Portal.Thing::named).toList());
        things.add(Portal.Thing.named(HOSTILE));
        portal = Portal.start(work, things);
        JsonNode serving = InstallReport.JSON.readTree(portal.data().resolve("serve.json").toFile());
        consoleUrl = serving.path("console").asText();
        token = Files.readString(Path.of(serving.path("consoleTokenFile").asText()), StandardCharsets.UTF_8).strip();
        sup = build("cert-rotation");
        Parallel.each(GATEWAYS, key -> {
            String[] options = key.equals(FAILING) ? new String[] {"--no-start", "--product=other-gateway"}
                    : new String[] {"--no-start"};
            Agent agent = Agent.onSandbox(Portal.Thing.named(key), work.resolve(key), keys.publicKey(), portal, options);
            synchronized (agents) {
                agents.add(agent);
            }
            agent.start();
        });
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            try {
                Parallel.each(agents, Agent::close);
            } finally {
                if (portal != null) {
                    portal.close();
                }
            }
        }
    }

    @Test
    @Order(1)
    void aWrongToken_isRefusedAndTheConsoleShowsNothing() throws Exception {
        browser.get(consoleUrl);
        signIn("0".repeat(48));

        WebElement error = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        waitFor().until(ExpectedConditions.textToBePresentInElement(error, "refused"));
        assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("view")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("view")).getText()).doesNotContain("gw-1");
        Browser.screenshot(browser, "console-sign-in");
    }

    @Test
    @Order(2)
    void upload_aSignedSupIsListedWithItsPackageVersionAndSigner() throws Exception {
        browser.get(consoleUrl);
        signIn(token);
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        browser.findElement(By.id("nav-files")).click();

        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("upload-file"))).sendKeys(sup.toString());
        browser.findElement(By.id("upload-button")).click();

        WebElement row = waitFor().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#files tr[data-file='cert-rotation.sup']")));
        assertThat(row.getText()).contains("acme-gateway-ca").contains("2026.11.0").contains(keys.keyId())
                .contains(String.valueOf(Files.size(sup)));
        Browser.screenshot(browser, "console-developer-files");
    }

    @Test
    @Order(3)
    void campaign_overThreeGateways_isWatchedToTheEndWithOneFailureAndItsMessage() throws Exception {
        browser.findElement(By.id("nav-campaigns")).click();
        WebElement name = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("campaign-name")));
        name.clear();
        name.sendKeys("ca-rotation");
        new Select(browser.findElement(By.id("campaign-file"))).selectByValue("cert-rotation.sup");
        for (String key : GATEWAYS) {
            browser.findElement(By.cssSelector("#campaign-things input[value='" + key + "']")).click();
        }
        browser.findElement(By.id("create-campaign")).click();
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("start"))).click();

        WebDriverWait campaignWait = new WebDriverWait(browser, CAMPAIGN_DEADLINE, Duration.ofMillis(250));
        campaignWait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        campaignWait.until(ExpectedConditions.presenceOfElementLocated(By.id("count-total")));
        campaignWait.withMessage(() -> "the campaign did not complete on the page: " + pageText() + "\nportal:\n"
                + serveOutput()).until(d -> text("count-success").equals("2") && text("count-failure").equals("1"));

        String id = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        JsonNode campaign = portal.campaign(id);
        assertThat(campaign.path("state").asText()).isEqualTo("Completed");
        JsonNode failed = Portal.member(campaign, FAILING);
        WebElement failedRow = browser.findElement(By.cssSelector("#members tr[data-thing='" + FAILING + "']"));
        assertThat(failed.path("errorMessage").asText()).isNotBlank();
        assertThat(failedRow.findElement(By.className("member-message")).getText())
                .isEqualTo(failed.path("errorMessage").asText());
        assertThat(failedRow.findElement(By.className("member-code")).getText())
                .isEqualTo(failed.path("errorCode").asText()).isNotEqualTo("0");
        assertThat(failedRow.findElement(By.className("member-result")).getText()).isEqualTo("failure");
        for (String key : List.of("gw-1", "gw-2")) {
            WebElement row = browser.findElement(By.cssSelector("#members tr[data-thing='" + key + "']"));
            assertThat(row.findElement(By.className("member-result")).getText()).as(key).isEqualTo("success");
            assertThat(row.findElement(By.className("member-status")).getText()).as(key).isEqualTo("Completed");
        }
        assertThat(text("count-total")).isEqualTo("3");
        assertThat(browser.findElements(By.id("start"))).as("no Start on a completed campaign").isEmpty();
        Browser.screenshot(browser, "console-campaign");
    }

    @Test
    @Order(4)
    void aThing_showsItsInstalledPackageLastConfirmationAndLog() throws Exception {
        browser.findElement(By.id("nav-things")).click();
        WebElement row = waitFor().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#things tr[data-thing='gw-1']")));
        waitFor().until(d -> row(d, "gw-1").getText().contains("acme-gateway-ca 2026.11.0"));
        Browser.screenshot(browser, "console-things");
        browser.findElement(By.cssSelector("#things tr[data-thing='gw-1'] a")).click();

        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#log li")));
        assertThat(browser.findElement(By.id("installed")).getText()).contains("acme-gateway-ca").contains("2026.11.0");
        assertThat(browser.findElement(By.id("view")).getText()).contains("Last confirmation.json").contains("success");
        assertThat(browser.findElements(By.cssSelector("#log li"))).isNotEmpty();
        Browser.screenshot(browser, "console-thing");
    }

    @Test
    @Order(5)
    void aLogLineWithScript_isShownAsTextAndNeverRuns() throws Exception {
        try (ThingClient gateway = ThingClient.connect(portal, Portal.Thing.named(HOSTILE))) {
            String line = InstallReport.JSON.writeValueAsString(HOSTILE_LINE);
            gateway.publish(Portal.BASE + "/" + HOSTILE + "/api/0001", "{\"1\": {\"command\": \"log.publish\", "
                    + "\"params\": {\"thingKey\": \"" + HOSTILE + "\", \"level\": 1, \"msg\": " + line + "}}}");
        }
        browser.get(consoleUrl + "#/things/" + HOSTILE);

        // The page redraws itself while live: what is read of the line is read in one go, again after a redraw.
        record Shown(String text, int elements) {
        }
        Shown logLine = new WebDriverWait(browser, Portal.DEADLINE, Duration.ofMillis(250))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#log li")).stream()
                        .filter(li -> li.getText().contains("window.pwned")).findFirst()
                        .map(li -> new Shown(li.getText(), li.findElements(By.cssSelector("script, b, img")).size()))
                        .orElse(null));

        assertThat(logLine.text()).contains(HOSTILE_LINE);
        assertThat(logLine.elements()).as("no element made from the line").isZero();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).isEqualTo(true);
        Browser.screenshot(browser, "console-log-as-text");
    }

    @Test
    @Order(6)
    void aTokenThatStopsWorking_signsThePageOut() {
        ((JavascriptExecutor) browser).executeScript("sessionStorage.setItem('sup-console-token', arguments[0])",
                "f".repeat(48));
        browser.get(consoleUrl + "#/campaigns");

        WebElement error = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        waitFor().until(ExpectedConditions.textToBePresentInElement(error, "refused"));
        assertThat(browser.findElement(By.id("view")).isDisplayed()).isFalse();
        assertThat((String) ((JavascriptExecutor) browser).executeScript(
                "return sessionStorage.getItem('sup-console-token')")).isNull();
    }

    private void signIn(String value) {
        WebElement field = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        field.clear();
        field.sendKeys(value);
        browser.findElement(By.id("sign-in")).click();
    }

    private WebDriverWait waitFor() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private static WebElement row(org.openqa.selenium.WebDriver driver, String key) {
        return driver.findElement(By.cssSelector("#things tr[data-thing='" + key + "']"));
    }

    /** An element's text, or empty while the page is between two refreshes. */
    private String text(String id) {
        try {
            return browser.findElement(By.id(id)).getText();
        } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
            return "";
        }
    }

    private String pageText() {
        try {
            return browser.findElement(By.id("view")).getText();
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private String serveOutput() {
        try {
            return portal.serveOutput();
        } catch (java.io.IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** A sample package, built and signed with {@code bin/sup build}. */
    private Path build(String sample) throws Exception {
        Path out = work.resolve("packages/" + sample + ".sup");
        Files.createDirectories(out.getParent());
        Result build = sup("build", ROOT.resolve("sample-packages/packages/" + sample).toString(), "-o", out.toString(),
                "--key", keys.privateKey().toString());
        assertThat(build.exit()).as(build.output()).isZero();
        return out;
    }
}
