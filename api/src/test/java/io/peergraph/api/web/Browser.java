package io.peergraph.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peergraph.graph.testing.ScratchDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium for every browser test of this JVM, driven by Debian's chromedriver (both paths given
 * explicitly, so Selenium never looks for or downloads a driver or a browser). Every request that would leave
 * 127.0.0.1 fails (a dead proxy for every other host, and no name resolves), and the DevTools performance log records
 * every URL the pages asked for, so a test can prove that nothing was even attempted elsewhere.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String INSTALL_HINT = "Browser tests need Debian's Chromium and its driver (/usr/bin/chromium, /usr/bin/chromedriver): "
            + "apt-get install chromium chromium-driver";
    /** How long a page may take to show what a test waits for before the test fails (never a speed assertion). */
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChromeDriver driver;
    private final Path profile;

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    Browser() {
        profile = ScratchDirs.create("peergraph-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--metrics-recording-only", "--no-default-browser-check",
                "--user-data-dir=" + profile, "--window-size=1280,900",
                // Offline by construction: other hosts go to a proxy where nothing listens (loopback bypasses
                // proxies), and no host name resolves except through the loopback exclusion.
                "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.PERFORMANCE, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(PATIENCE);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a URL in a clean state: this origin's sessionStorage and localStorage are cleared first. */
    public void open(String url) {
        driver.get(url);
        driver.executeScript("sessionStorage.clear(); localStorage.clear();");
        driver.get(url);
    }

    /** Loads a URL keeping what the tab stored (e.g. a sign-in). */
    public void go(String url) {
        driver.get(url);
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    public <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).until(condition);
    }

    public WebElement visible(By by) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until the element's text contains the given text; returns the element. */
    public WebElement textIn(By by, String text) {
        waitFor(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by);
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Saves a screenshot as target/browser-screenshots/NAME.png for review. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every URL the browser asked for (documents, scripts, styles, fetches, WebSockets) since the last call, from the
     * DevTools performance log, including requests that failed or were blocked.
     */
    public List<String> requestedUrls() {
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                String method = message.path("method").asText();
                if (method.equals("Network.requestWillBeSent")) {
                    urls.add(message.path("params").path("request").path("url").asText());
                } else if (method.equals("Network.webSocketCreated")) {
                    urls.add(message.path("params").path("url").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return urls;
    }

    /** Forgets the log so far (before a step whose requests a test inspects). */
    public void forgetRequests() {
        driver.manage().logs().get(LogType.PERFORMANCE);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try {
                ScratchDirs.delete(profile);
            } catch (UncheckedIOException stillWritten) {
                // Left to the exit (ScratchDirs tries again then): a profile left a moment longer is harmless.
            }
        }
    }
}
