package org.trustedresearch.cases.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.support.BrowserSession;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.Tasklist;

/** A manager opens the "Trusted Research" view in Cockpit and sees the same numbers as the API gives. */
@CaseManagementTest
class CockpitKpiBrowserTest {

  @RegisterExtension
  final BrowserSession session = new BrowserSession("cockpit-kpis");
  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;

  @Test
  void aManagerSeesTheProgrammesKpisInCockpitAsTheApiGivesThem() throws Exception {
    Cases cases = new Cases(engine);
    String approved = cases.propose("rachel", Cases.lowRiskProposal("Cockpit Lens Works GmbH"));
    cases.approve("hannah", approved, ReviewerRole.HEAD_OF_DEPARTMENT);
    cases.propose("omar", Cases.lowRiskProposalIn("computer-science", "Cockpit Quantum Labs BV"));
    LocalDate today = PinnedClock.today();
    String from = today.minusDays(29).toString();
    String to = today.toString();

    Tasklist cockpit = session.tasklist();
    WebDriver browser = session.browser();
    cockpit.logInToCockpit("maria");
    browser.findElement(By.cssSelector(".Header a[href='#/trusted-research']")).click();
    WebElement fromField = cockpit.await().until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name=from]")));
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
        "arguments[0].value = arguments[1]; arguments[2].value = arguments[3];",
        fromField, from, browser.findElement(By.cssSelector("input[name=to]")), to);
    browser.findElement(By.cssSelector(".trc-period button[type=submit]")).click();
    cockpit.await().until(driver -> driver.findElement(By.cssSelector(".trc-status")).getText().startsWith("From " + from));

    JsonNode api = new Http(port).get("/api/kpis?from=" + from + "&to=" + to, "maria").json();
    Map<String, JsonNode> expected = new HashMap<>();
    api.path("measures").forEach(measure ->
        expected.put(measure.path("kpi").asText() + " / " + measure.path("dimension").asText(), measure));
    List<WebElement> rows = browser.findElements(By.cssSelector("tr.trc-measure"));
    assertThat(rows).hasSize(expected.size());
    for (WebElement row : rows) {
      String key = row.getAttribute("data-kpi") + " / " + row.getAttribute("data-dimension");
      JsonNode measure = expected.get(key);
      assertThat(measure).as(key).isNotNull();
      assertThat(value(row, ".trc-current")).as(key).isEqualTo(number(measure.path("current")));
      assertThat(value(row, ".trc-previous")).as(key).isEqualTo(number(measure.path("previous")));
    }
    WebElement started = browser.findElement(By.cssSelector(
        "tr.trc-measure[data-kpi='cases.started'][data-dimension='collaboration-onboarding'] .trc-current"));
    assertThat(Double.parseDouble(started.getText())).isGreaterThanOrEqualTo(2);

    Path screenshot = Path.of("target", "screenshots", "cockpit-kpis.png");
    Files.createDirectories(screenshot.getParent());
    Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

    // Cockpit's own pages still work with the engine's limit on query results
    browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/processes");
    cockpit.await().until(driver -> driver.findElement(By.tagName("body")).getText().contains("Collaboration onboarding"));
    assertThat(browser.findElements(By.cssSelector(".notifications .alert-danger"))).isEmpty();

    // the API's documentation opens within the same login
    browser.get("http://localhost:" + port + "/api/docs");
    cockpit.await().until(driver -> driver.findElement(By.tagName("body")).getText().contains("/api/kpis.csv"));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Trusted Research Cases API", "Programme KPIs");
  }

  private static Double value(WebElement row, String cell) {
    String text = row.findElement(By.cssSelector(cell)).getAttribute("data-value");
    return text == null || text.isEmpty() ? null : Double.valueOf(text);
  }

  private static Double number(JsonNode node) {
    return node.isNull() || node.isMissingNode() ? null : node.asDouble();
  }
}
