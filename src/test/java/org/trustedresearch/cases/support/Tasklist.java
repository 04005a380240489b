package org.trustedresearch.cases.support;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Camunda Tasklist and its Camunda Forms as a person uses them, in a real browser. */
public class Tasklist {

  private final WebDriver browser;
  private final WebDriverWait wait;
  private final int port;

  /**
   * Starts the browser for a test. Where Chromium is not installed the test is skipped, saying how
   * to install it, except in CI ({@code CI=true}), where a missing browser fails the build.
   */
  public static Tasklist open(java.nio.file.Path profile, int port) {
    Browser.requireOrSkip();
    return new Tasklist(Browser.start(profile), port);
  }

  /** Keeps the last page as evidence under target/browser and closes the browser. */
  public void quit(String evidence) {
    Browser.keepEvidence(browser, evidence);
    browser.quit();
  }

  public WebDriver browser() {
    return browser;
  }

  public Tasklist(WebDriver browser, int port) {
    this.browser = browser;
    this.port = port;
    this.wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  public WebDriverWait await() {
    return wait;
  }

  /**
   * Signs in as the demo user (password = user id). The login page may still be settling when typing
   * starts, so the fields are checked before submitting, and filled again if a keystroke went astray.
   */
  public void logIn(String user) {
    signIn("tasklist", user);
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".start-process-action a")));
  }

  /** Signs in to Cockpit as the demo user and waits for its header. */
  public void logInToCockpit(String user) {
    signIn("cockpit", user);
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".Header a[href='#/processes']")));
  }

  private void signIn(String app, String user) {
    browser.manage().deleteAllCookies();
    browser.get("http://localhost:" + port + "/camunda/app/" + app + "/default/#/login");
    By nameField = By.cssSelector("input[ng-model=username]");
    By passwordField = By.cssSelector("input[ng-model=password]");
    wait.until(ExpectedConditions.elementToBeClickable(nameField));
    wait.until(driver -> {
      WebElement name = driver.findElement(nameField);
      WebElement password = driver.findElement(passwordField);
      name.clear();
      name.sendKeys(user);
      password.clear();
      password.sendKeys(user);
      return user.equals(name.getAttribute("value")) && user.equals(password.getAttribute("value"));
    });
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  /** Opens the link of a task e-mail, which names the production address, on this test's server. */
  public void open(String link) {
    browser.get(link.replace("http://localhost:8080", "http://localhost:" + port));
  }

  /** The link "Open it in Tasklist: ..." of a task e-mail. */
  public static String linkIn(Mailbox.Mail mail) {
    return mail.text().lines().filter(line -> line.startsWith("Open it in Tasklist: ")).findFirst().orElseThrow()
        .substring("Open it in Tasklist: ".length());
  }

  /** The form field of a process variable (component id Field_<key>). */
  public WebElement field(String key) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[id$='-Field_" + key + "']")));
  }

  /** Picks an option of a select field by its label; {@code fieldId} is the part after "-Field_". */
  public void choose(String fieldId, String label) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[id$='-Field_" + fieldId + "-display']"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//div[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + label + "']"))).click();
  }

  public void search(String key, String text, String label) {
    field(key).sendKeys(text);
    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//div[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + label + "']"))).click();
  }

  /**
   * Clicks an element that Tasklist's fixed footer may cover: the task form scrolls inside its own
   * panel, where the browser cannot scroll it clear of the footer.
   */
  public void click(By locator) {
    // Tasklist re-renders the form after a claim; an element found just before may be replaced
    wait.ignoring(StaleElementReferenceException.class).until(driver -> {
      WebElement element = ExpectedConditions.elementToBeClickable(locator).apply(driver);
      if (element == null) {
        return false;
      }
      ((JavascriptExecutor) driver).executeScript(
          "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element);
      return true;
    });
  }

  public void claim() {
    click(By.cssSelector("button.claim"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
  }

  public void complete() {
    click(By.cssSelector("button[ng-click='complete()']"));
  }

  /** Lets form-js apply debounced input before the next action. */
  public void settle() {
    new Actions(browser).pause(Duration.ofMillis(600)).perform();
  }
}
