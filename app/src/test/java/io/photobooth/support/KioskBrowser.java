package io.photobooth.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless {@code chromium}, driven through Debian's {@code chromium-driver} (nothing is
 * downloaded), showing the kiosk page as a kiosk screen would. Without them the test fails and says
 * what to install. Screenshots go to {@code target/kiosk-screenshots/} for a person to look at.
 */
public final class KioskBrowser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "kiosk-screenshots");
    /** A portrait kiosk screen. */
    public static final Dimension KIOSK = new Dimension(1080, 1920);
    /** A phone that scans the QR code. */
    public static final Dimension PHONE = new Dimension(412, 915);
    /** A laptop, where the page must fit too. */
    public static final Dimension LAPTOP = new Dimension(1366, 768);

    private final ChromeDriver driver;

    private KioskBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts the browser with a window of the kiosk's size and no camera. */
    public static KioskBrowser start() {
        return start(false);
    }

    /**
     * Starts the browser with a window of the kiosk's size; with {@code camera}, Chromium's fake
     * camera (a moving test pattern), allowed without asking.
     */
    public static KioskBrowser start(boolean camera) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The kiosk page's browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "); install them with: apt-get install chromium chromium-driver");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--no-first-run", "--disable-extensions",
                "--window-size=" + KIOSK.width + "," + KIOSK.height);
        if (camera) {
            options.addArguments("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        KioskBrowser browser = new KioskBrowser(new ChromeDriver(service, options));
        browser.resize(KIOSK);
        return browser;
    }

    /** Sets the page's viewport (not the window's outer size) to {@code size}. */
    public void resize(Dimension size) {
        driver.manage().window().setSize(size);
        Dimension inner = new Dimension(((Number) js("return window.innerWidth")).intValue(),
                ((Number) js("return window.innerHeight")).intValue());
        if (!inner.equals(size)) {
            driver.manage().window().setSize(new Dimension(2 * size.width - inner.width, 2 * size.height - inner.height));
        }
    }

    public void open(String url) {
        driver.get(url);
    }

    public Object js(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits until an element matching {@code css} is shown. */
    public WebElement waitFor(String css, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .untilAsserted(() -> assertThat(find(css).isDisplayed()).as(css + " is shown").isTrue());
        return find(css);
    }

    public WebElement waitFor(String css) {
        return waitFor(css, Duration.ofSeconds(10));
    }

    /** Waits until every image inside {@code css} has loaded, and fails if one could not be. */
    public void waitForImages(String css) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> (Boolean) js(
                "return [...document.querySelectorAll(arguments[0] + ' img')].every(i => i.complete)", css));
        Object broken = js("return [...document.querySelectorAll(arguments[0] + ' img')]"
                + ".filter(i => i.naturalWidth === 0).map(i => i.getAttribute('src').slice(0, 120))", css);
        assertThat((List<?>) broken).as("images in %s that did not load", css).isEmpty();
    }

    /** Saves what the screen shows as {@code target/kiosk-screenshots/{name}.png}. */
    public Path screenshot(String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
