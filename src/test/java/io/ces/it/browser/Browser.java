package io.ces.it.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.ces.it.Gateway;

/**
 * One headless Debian Chromium with a profile of its own (so two of them are two users with two cookie jars), driven
 * through Debian's chromedriver. Both paths are given explicitly: Selenium Manager never looks for, let alone
 * downloads, a browser or driver.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("ces.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("ces.chromedriver", "/usr/bin/chromedriver"));
    /** The page as a newcomer opens it: replica A. */
    static final String PAGE = "http://127.0.0.1:" + Gateway.HTTP_PORT + "/";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test, with the reason, when the machine has no Chromium (.ci/run installs it). */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests skipped: " + CHROMIUM + " and " + CHROMEDRIVER
                        + " are needed (apt-get install -y chromium chromium-driver; .ci/run does it)");
    }

    static Browser open() throws IOException {
        assumeInstalled();
        Path profile = Files.createTempDirectory("ces-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1200,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile);
    }

    WebDriver driver() {
        return driver;
    }

    void openPage() {
        driver.get(PAGE);
    }

    /** Runs {@code script} (which returns a JSON-serializable value) and returns its result as JSON. */
    JsonValue eval(String script) {
        Object text = ((JavascriptExecutor) driver).executeScript("return JSON.stringify((() => {" + script + "})());");
        return text == null ? JsonValue.NULL : Json.createReader(new StringReader((String) text)).readValue();
    }

    /**
     * Runs an async function body ({@code await} allowed) and returns what it returns, as JSON; a rejection comes
     * back as {@code {"thrown":{"name","code","message","status"}}}.
     */
    JsonValue evalAsync(String body) {
        Object text = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "(async () => {" + body + "})().then(value => done(JSON.stringify(value === undefined ? null : value)),"
                + " e => done(JSON.stringify({thrown: {name: e.name, code: e.code, message: e.message,"
                + " status: e.status ?? null}})));");
        return Json.createReader(new StringReader((String) text)).readValue();
    }

    <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).until(condition);
    }

    /** Signs in on the demo page and waits until the socket is open and the rooms are joined. */
    void signIn(String user, String rooms, String... joinedRooms) {
        openPage();
        driver.findElement(By.id("user")).clear();
        driver.findElement(By.id("user")).sendKeys(user);
        driver.findElement(By.id("rooms")).clear();
        driver.findElement(By.id("rooms")).sendKeys(rooms);
        driver.findElement(By.id("connect")).click();
        await(Duration.ofSeconds(20), d -> "open".equals(d.findElement(By.id("state")).getText()));
        for (String room : joinedRooms) {
            await(Duration.ofSeconds(10), d -> !d.findElements(By.cssSelector("#joined li[data-room='" + room + "']"))
                    .isEmpty());
        }
    }

    void send(String room, String text) {
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("send-room"))).selectByValue(room);
        driver.findElement(By.id("text")).sendKeys(text);
        driver.findElement(By.id("send-button")).click();
    }

    String logText() {
        return driver.findElement(By.id("log")).getText();
    }

    /** DevTools network emulation: the page and its sockets as on a machine without network, or back online. */
    void setOffline(boolean offline) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind does no harm
            }
        }
    }
}
