package io.flint.api;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} and {@code chromedriver}
 * (packages {@code chromium chromium-driver}), named by path so that Selenium never looks for or
 * downloads a browser. Paths: {@code -Dflint.chromium=...}, {@code -Dflint.chromedriver=...}.
 *
 * <p>A machine without them fails the test with what to install. Only an explicit
 * {@code -Dflint.browser.skip=true} turns that into a skip (for a laptop without Chromium; CI
 * never sets it).
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** What Chromium needs here: no sandbox as root, no GPU, and no calls home on a closed network. */
    static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--hide-scrollbars", "--force-color-profile=srgb");

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start(int width, int height) {
        Path chromium = Path.of(System.getProperty("flint.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("flint.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            String missing = "browser tests need " + chromium + " and " + chromedriver
                    + " (Debian: apt-get install chromium chromium-driver)";
            Assumptions.assumeFalse(Boolean.getBoolean("flint.browser.skip"), missing + "; skipped by -Dflint.browser.skip");
            throw new AssertionError(missing);
        }
        try {
            Path profile = Files.createTempDirectory("flint-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments(FLAGS);
            options.addArguments("--user-data-dir=" + profile, "--window-size=" + width + "," + height);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile())
                    .usingAnyFreePort()
                    .build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T waitFor(String what, Duration timeout, Function<WebDriver, T> condition) {
        // pages re-render as data arrives: an element found a moment ago may be replaced, so try again
        return new WebDriverWait(driver, timeout).withMessage(what).pollingEvery(Duration.ofMillis(200))
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /**
     * From the next page loaded on, the page's {@code fetch} of any URL starting with {@code urlPrefix}
     * is held (until the page calls {@code window.__flintRelease()}, after which they go through) or,
     * with {@code fail}, fails as an unreachable host would. Lets a test see a page while a node has
     * not answered yet, or cannot be reached, without timing luck. Closing the handle stops it for
     * pages loaded afterwards.
     */
    Interception interceptFetch(String urlPrefix, boolean fail) {
        String script = """
                (() => {
                  const prefix = %s, fail = %s, real = window.fetch.bind(window), held = [];
                  let holding = true;
                  window.__flintRelease = () => { holding = false; held.splice(0).forEach((go) => go()); };
                  window.fetch = (url, options) => {
                    if (!String(url).startsWith(prefix)) return real(url, options);
                    if (fail) return Promise.reject(new TypeError('Failed to fetch (refused by the test)'));
                    if (!holding) return real(url, options);
                    // no abort signal: a held request stays held, whatever timeout the page set
                    return new Promise((resolve, reject) =>
                      held.push(() => real(url, { ...options, signal: undefined }).then(resolve, reject)));
                  };
                })();
                """.formatted(jsString(urlPrefix), fail);
        Object id = driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", script))
                .get("identifier");
        return () -> driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", java.util.Map.of("identifier", id));
    }

    /** A fetch interception from {@link #interceptFetch}; closing it spares the pages loaded afterwards. */
    interface Interception extends AutoCloseable {
        @Override
        void close();
    }

    private static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Saves the page as target/screenshots/NAME.png (a build artifact) and returns the file. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.out.println("[screenshot] " + file.toAbsolutePath());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
