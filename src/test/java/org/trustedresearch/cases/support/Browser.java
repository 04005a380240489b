package org.trustedresearch.cases.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium driven by its chromedriver, as the CI machine has them. */
public final class Browser {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final String HOW_TO_INSTALL =
      "Browser tests need Debian's Chromium: sudo apt-get install chromium chromium-driver (.ci/run does this)";

  private Browser() {
  }

  public static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** Skips the calling test where there is no browser, unless it runs in CI, which must have one. */
  public static void requireOrSkip() {
    if (available()) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true and no browser: " + HOW_TO_INSTALL);
    }
    Assumptions.assumeTrue(false, HOW_TO_INSTALL);
  }

  public static WebDriver start(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // the flags this machine needs: no sandbox as root, and no calls to Google's services
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1400,2000", "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /** Keeps a screenshot and the page's HTML under target/browser for whoever reads a failed run. */
  public static void keepEvidence(WebDriver driver, String name) {
    try {
      Path folder = Files.createDirectories(Path.of("target", "browser"));
      Files.write(folder.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      Files.writeString(folder.resolve(name + ".html"), driver.getPageSource());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
