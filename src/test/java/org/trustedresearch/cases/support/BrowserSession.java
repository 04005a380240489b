package org.trustedresearch.cases.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A browser for each test of a class, on the test's running application: started before the test
 * (which is skipped where Chromium is missing), its last page kept as evidence and closed after.
 * <pre>{@code @RegisterExtension final BrowserSession session = new BrowserSession("clause-form");}</pre>
 */
public class BrowserSession implements BeforeEachCallback, AfterEachCallback {

  private final String evidence;
  private Path profile;
  private Tasklist tasklist;

  public BrowserSession(String evidence) {
    this.evidence = evidence;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    int port = Integer.parseInt(SpringExtension.getApplicationContext(context).getEnvironment()
        .getRequiredProperty("local.server.port"));
    profile = Files.createTempDirectory("chromium-profile");
    tasklist = Tasklist.open(profile, port);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (tasklist != null) {
      tasklist.quit(evidence);
      tasklist = null;
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public Tasklist tasklist() {
    return tasklist;
  }

  public WebDriver browser() {
    return tasklist.browser();
  }
}
