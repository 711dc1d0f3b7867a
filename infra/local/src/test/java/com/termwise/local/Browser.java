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
        return until(d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null), css);
    }

    /** The first visible element matching {@code css} whose text contains {@code text}. */
    WebElement find(String css, String text) {
        return until(d -> d.findElements(By.cssSelector(css)).stream().filter(e -> e.isDisplayed() && e.getText().contains(text))
                .findFirst().orElse(null), css + " containing '" + text + "'");
    }

    /** Clicks the first visible match, finding it again if the page re-rendered it in between. */
    void click(String css) {
        until(d -> {
            var target = d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst();
            target.ifPresent(WebElement::click);
            return target.isPresent() ? true : null;
        }, css + " to click");
    }

    void click(String css, String text) {
        until(d -> {
            var target = d.findElements(By.cssSelector(css)).stream().filter(e -> e.isDisplayed() && e.getText().contains(text)).findFirst();
            target.ifPresent(WebElement::click);
            return target.isPresent() ? true : null;
        }, css + " containing '" + text + "' to click");
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
