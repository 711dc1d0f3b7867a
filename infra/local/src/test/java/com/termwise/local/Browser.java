package com.termwise.local;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * Debian's headless Chromium, driven through its own chromedriver (no browser or driver is downloaded: both paths are
 * given, so Selenium Manager never runs), with every background service that would reach beyond 127.0.0.1 switched off.
 * Each page visited can be saved as a screenshot under {@code target/account-page/<test>/}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium"), DRIVER = Path.of("/usr/bin/chromedriver");

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    }

    private final ChromeDriver driver;
    private final Path shots;
    private final Path profile;
    private int shot;

    /** {@code width}×{@code height}: 412×915 is a phone, 1280×900 a laptop. */
    Browser(String test, int width, int height) {
        try {
            profile = Files.createTempDirectory("termwise-chromium");
            shots = Path.of("target", "account-page", test);
            Files.createDirectories(shots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
                "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--no-pings", "--metrics-recording-only",
                "--disable-features=OptimizationHints,Translate,MediaRouter", "--user-data-dir=" + profile, "--lang=en-GB",
                "--window-size=" + width + "," + height);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
    }

    void open(String url) {
        driver.get(url);
    }

    WebDriver driver() {
        return driver;
    }

    WebElement find(String css) {
        return find(css, "");
    }

    /** The first visible element matching {@code css} whose text contains {@code text}. */
    WebElement find(String css, String text) {
        return until(d -> visible(d, css, text).orElse(null), css + (text.isEmpty() ? "" : " containing '" + text + "'"));
    }

    /** Clicks the first visible match, finding it again if the page re-rendered it in between. */
    void click(String css) {
        click(css, "");
    }

    void click(String css, String text) {
        until(d -> visible(d, css, text).map(target -> {
            target.click();
            return true;
        }).orElse(null), css + (text.isEmpty() ? "" : " containing '" + text + "'") + " to click");
    }

    private static java.util.Optional<WebElement> visible(WebDriver d, String css, String text) {
        return d.findElements(By.cssSelector(css)).stream().filter(e -> e.isDisplayed() && (text.isEmpty() || e.getText().contains(text))).findFirst();
    }

    /** Two clicks as fast as a person's double click: the second lands before the first one's answer. */
    void doubleClick(String css) {
        new org.openqa.selenium.interactions.Actions(driver).doubleClick(find(css)).perform();
    }

    void type(String css, String text) {
        var input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    /** Waits (up to 10 s) until the page's text contains {@code text}; returns the text of the whole page. */
    String waitForText(String text) {
        return until(d -> {
            var body = d.findElement(By.tagName("body")).getText();
            return body.contains(text) ? body : null;
        }, "the text '" + text + "'");
    }

    /**
     * WCAG 2.2 AA contrast (1.4.3), measured on what is on screen now: every visible element with text of its own against
     * the background it is drawn on (the nearest opaque one behind it), 4.5:1, or 3:1 for large text (24px, or bold
     * 18.66px). Returns the failures, each as "text: ratio".
     */
    @SuppressWarnings("unchecked")
    java.util.List<String> contrastFailures() {
        return (java.util.List<String>) driver.executeScript("""
                const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
                const lum = ([r, g, b]) => [r, g, b].map((v) => v / 255).map((v) => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
                  .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
                const background = (e) => {
                  for (let n = e; n; n = n.parentElement) {
                    const c = rgb(getComputedStyle(n).backgroundColor);
                    if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
                    if (n.tagName === 'DIALOG' && n.open) return [255, 255, 255];
                  }
                  return [255, 255, 255];
                };
                const failures = [];
                for (const e of document.querySelectorAll('body *')) {
                  const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
                  const r = e.getBoundingClientRect();
                  if (!own || r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === 'hidden') continue;
                  const s = getComputedStyle(e);
                  const [l1, l2] = [lum(rgb(s.color).slice(0, 3)), lum(background(e))].sort((a, b) => b - a);
                  const ratio = (l1 + 0.05) / (l2 + 0.05);
                  const size = parseFloat(s.fontSize), bold = Number(s.fontWeight) >= 700;
                  const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
                  if (ratio < needed) failures.push(e.textContent.trim().slice(0, 40) + ': ' + ratio.toFixed(2));
                }
                return failures;
                """);
    }

    /** What has the keyboard's focus, and whether it shows it (an outline other than none). */
    java.util.Map<String, Object> focused() {
        @SuppressWarnings("unchecked")
        var out = (java.util.Map<String, Object>) driver.executeScript("""
                const e = document.activeElement, s = getComputedStyle(e);
                return {tag: e.tagName, id: e.id, action: e.dataset.action || '', text: (e.textContent || '').trim().slice(0, 40),
                        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2};
                """);
        return out;
    }

    /** Waits (up to 10 s) for the element {@code id} to have the focus: the page may move it after an answer arrives. */
    void waitForFocusOn(String id, String what) {
        until(d -> id.equals(focused().get("id")) ? true : null, what + " (the focus on #" + id + ")");
    }

    /** Presses keys on whatever has the focus, as a person at a keyboard does. */
    void keys(CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform();
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String source() {
        return driver.getPageSource();
    }

    <T> T until(Function<WebDriver, T> condition, String what) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(10)).withMessage(() -> "waiting for " + what + "; the page says:\n" + text())
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class) // the page re-renders after every change
                    .until(condition::apply);
        } catch (RuntimeException e) {
            screenshot("failed");
            throw e;
        }
    }

    /** Saves what the browser shows now as {@code NN-name.png}. */
    void screenshot(String name) {
        try {
            Files.write(shots.resolve(String.format("%02d-%s.png", ++shot, name)), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
