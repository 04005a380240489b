package org.trustedresearch.cases.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.TrustedResearchCasesApplication;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.LoopbackClient;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.Race;
import org.trustedresearch.cases.support.TestDatabases;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Two nodes of the application on one PostgreSQL database, as behind a load balancer without sticky
 * sessions: a browser session made on one node is served by the other, also once the first is gone,
 * the application's own scheduled work runs on one node, not on each, and the anonymous-report
 * limits and the failed logins count what was sent to either, the work every node does on its own
 * (forgetting past hours' counts) does not get in the other's way.
 * <p>
 * The webapps keep their engine in static state, so only one application per JVM may run them (the
 * other tests' one). Here each node instead answers at {@value #PROBE} what its session holds, and
 * signs a user in there as the webapps' login does: the user's {@link Authentications} and the CSRF
 * token in the session. Each node has an engine name of its own, as two applications in one JVM
 * must; in a real cluster the nodes share the engine name, so the webapps find the login under it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesOnPostgresTest {

  static final String PROBE = "/session-probe";
  static final int NIGHTS = 10;
  static final String LIMIT_KEY = "a-key-shared-by-both-nodes-" + UUID.randomUUID();

  static ConfigurableApplicationContext nodeA;
  static ConfigurableApplicationContext nodeB;
  final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void startTwoNodes() {
    TestDatabases.Database database = TestDatabases.postgres();
    nodeA = start("clusterNodeA", database);
    nodeB = start("clusterNodeB", database);
  }

  @AfterAll
  static void stopNodes() {
    for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeA, nodeB}) {
      if (node != null && node.isActive()) {
        node.close();
      }
    }
  }

  @AfterEach
  void resetClock() {
    PinnedClock.restore();
  }

  static ConfigurableApplicationContext start(String engineName, TestDatabases.Database database) {
    return new SpringApplicationBuilder(TrustedResearchCasesApplication.class)
        .profiles("demo", "postgres")
        .initializers(context -> ((GenericApplicationContext) context).registerBean("sessionProbe",
            ServletRegistrationBean.class, () -> new ServletRegistrationBean<>(new SessionProbe(context), PROBE)))
        .run("--server.port=0",
            "--TRC_DB_URL=" + database.url(),
            "--TRC_DB_USER=" + database.user(),
            "--TRC_DB_PASSWORD=" + database.password(),
            "--camunda.bpm.job-execution.enabled=false",
            "--camunda.bpm.webapp.enabled=false",
            "--camunda.bpm.process-engine-name=" + engineName,
            "--trusted-research.incidents.limit-key=" + LIMIT_KEY,
            "--trusted-research.login.address-key=" + LIMIT_KEY);
  }

  @Test
  @Order(1)
  void theNightlyRegisterRetentionRunsOnOneNodeEachNight() {
    JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
    jdbc.sql("delete from tr_scheduled_run").update();
    RegisterRetention onA = nodeA.getBean(RegisterRetention.class);
    RegisterRetention onB = nodeB.getBean(RegisterRetention.class);
    int ranOnA = 0;
    int ranOnB = 0;
    for (int night = 0; night < NIGHTS; night++) {
      PinnedClock.stopAt(PinnedClock.START.plus(Duration.ofDays(night)).plus(Duration.ofHours(4)));
      // both nodes' timers fire at the same moment
      List<Boolean> ran = Race.run(2, node -> (node == 0 ? onA : onB).removeOncePerCluster());
      assertThat(ran).as("night %d", night).containsExactlyInAnyOrder(true, false);
      ranOnA += ran.get(0) ? 1 : 0;
      ranOnB += ran.get(1) ? 1 : 0;
      // a node whose timer fires a little later the same night skips
      PinnedClock.stopAt(PinnedClock.START.plus(Duration.ofDays(night)).plus(Duration.ofHours(4)).plusSeconds(90));
      assertThat(onA.removeOncePerCluster()).isFalse();
      assertThat(onB.removeOncePerCluster()).isFalse();
    }
    assertThat(ranOnA + ranOnB).isEqualTo(NIGHTS);
    assertThat(jdbc.sql("select locked_by from tr_scheduled_run where job = ?").param(RegisterRetention.JOB)
        .query(String.class).single())
        .isIn(nodeA.getBean(ScheduledRuns.class).node(), nodeB.getBean(ScheduledRuns.class).node());
  }

  @Test
  @Order(2)
  void anHourlyJobIsClaimedByOneNodeAndAgainOnlyOnceItsHoldHasPassed() {
    PinnedClock.stopAt(PinnedClock.START.plus(Duration.ofDays(NIGHTS + 1)));
    ScheduledRuns onA = nodeA.getBean(ScheduledRuns.class);
    ScheduledRuns onB = nodeB.getBean(ScheduledRuns.class);
    // a job of its own, which the nodes' real hourly timer for idempotency keys cannot claim meanwhile
    String job = "hourly-" + UUID.randomUUID().toString().substring(0, 8);
    List<Boolean> first = Race.run(2, node -> (node == 0 ? onA : onB).claim(job, IdempotentRequests.FORGET_HOLD));
    assertThat(first).containsExactlyInAnyOrder(true, false);

    PinnedClock.stopAt(PinnedClock.now().plus(IdempotentRequests.FORGET_HOLD).minusSeconds(1));
    assertThat(onA.claim(job, IdempotentRequests.FORGET_HOLD)).isFalse();
    assertThat(onB.claim(job, IdempotentRequests.FORGET_HOLD)).isFalse();

    PinnedClock.stopAt(PinnedClock.now().plusSeconds(1));
    List<Boolean> next = Race.run(2, node -> (node == 0 ? onA : onB).claim(job, IdempotentRequests.FORGET_HOLD));
    assertThat(next).containsExactlyInAnyOrder(true, false);
  }

  @Test
  @Order(3)
  void anonymousReportsFromOneAddressAreLimitedAcrossBothNodesWithoutStoringTheAddress() throws Exception {
    JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
    jdbc.sql("delete from tr_anonymous_limit").update();
    String report = "{\"incidentCategory\":\"OTHER\",\"description\":\"A stranger photographed the whiteboard.\","
        + "\"occurredAt\":\"2026-01-05T10:00:00Z\",\"confidential\":false}";
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      // alternately on each node, as a proxy spreading requests would send them
      statuses.add(sendJson(i % 2 == 0 ? nodeA : nodeB, "/api/incidents/anonymous", report).statusCode());
    }
    assertThat(statuses).containsExactly(201, 201, 201, 201, 201, 429);

    List<String> stored = jdbc.sql("select client_hash from tr_anonymous_limit").query(String.class).list();
    assertThat(stored).isNotEmpty().noneMatch(hash -> hash.contains("127.0.0.1"))
        .doesNotContain(sha256("127.0.0.1"), sha256("0:0:0:0:0:0:0:1"));
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> sendJson(ConfigurableApplicationContext node, String path, String json)
      throws IOException, InterruptedException {
    int port = ((WebServerApplicationContext) node).getWebServer().getPort();
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(4)
  void wrongPasswordsSentToBothNodesAtOnceMakeTheNextAttemptOnEitherWait() {
    PinnedClock.stopAt(PinnedClock.START.plus(Duration.ofDays(NIGHTS + 2)));
    JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
    int free = nodeA.getEnvironment().getRequiredProperty("trusted-research.login.failures-per-account", Integer.class);
    LoopbackClient[] stranger = {new LoopbackClient("127.0.0.21", port(nodeA)), new LoopbackClient("127.0.0.21", port(nodeB))};
    String[] tasks = {tasks(nodeA), tasks(nodeB)};
    // the guesses spread over both nodes by the proxy, arriving together
    List<Integer> guesses = Race.run(free, guess -> stranger[guess % 2].get(tasks[guess % 2], "rachel", "guess-" + guess).status());
    assertThat(guesses).containsOnly(401).hasSize(free);
    assertThat(jdbc.sql("select failures from tr_login_failure where scope = 'ACCOUNT'").query(Integer.class).list())
        .as("no failure lost between the nodes").containsExactly(free);

    for (int node = 0; node < 2; node++) {
      Http.Reply refused = stranger[node].get(tasks[node], "rachel", "rachel");
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.header("Retry-After")).isEqualTo("1");
    }
    assertThat(new LoopbackClient("127.0.0.22", port(nodeB)).get(tasks[1], "rachel", "rachel").status()).isEqualTo(200);
    assertThat(jdbc.sql("select client_hash from tr_login_failure").query(String.class).list())
        .noneMatch(hash -> hash.contains("127.0.0.21"));

    // once the wait is over, the right password on one node clears the account's count for both
    PinnedClock.stopAt(PinnedClock.now().plusSeconds(1));
    assertThat(stranger[1].get(tasks[1], "rachel", "rachel").status()).isEqualTo(200);
    assertThat(stranger[0].get(tasks[0], "rachel", "guess-again").status()).isEqualTo(401);
    assertThat(stranger[1].get(tasks[1], "rachel", "rachel").status()).isEqualTo(200);
  }

  /** The node's engine by name: each node here has an engine name of its own. */
  static String tasks(ConfigurableApplicationContext node) {
    return "/engine-rest/engine/" + node.getBean(ProcessEngine.class).getName() + "/task?maxResults=1";
  }

  @Test
  @Order(5)
  void bothNodesForgettingPastHoursAtOnceKeepThisHoursCounts() {
    JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
    Instant thisHour = PinnedClock.START.plus(Duration.ofDays(NIGHTS + 3)).truncatedTo(ChronoUnit.HOURS);
    PinnedClock.stopAt(thisHour.plus(Duration.ofMinutes(20)));
    jdbc.sql("insert into tr_anonymous_limit (counter, client_hash, window_start, used) values ('REPORT', 'earlier', ?, 3)")
        .param(Timestamp.from(thisHour.minus(Duration.ofHours(1)))).update();
    String report = "{\"incidentCategory\":\"OTHER\",\"description\":\"A laptop was left unlocked in the lab.\","
        + "\"occurredAt\":\"2026-01-05T10:00:00Z\",\"confidential\":false}";
    // each report first forgets the past hours (the delete the nodes' timers also run), both nodes at once
    List<Integer> statuses = Race.run(2, node -> {
      try {
        return sendJson(node == 0 ? nodeA : nodeB, "/api/incidents/anonymous", report).statusCode();
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(statuses).containsExactly(201, 201);
    assertThat(jdbc.sql("select count(*) from tr_anonymous_limit where window_start < ?").param(Timestamp.from(thisHour))
        .query(Integer.class).single()).isZero();
    assertThat(jdbc.sql("select counter, used from tr_anonymous_limit where window_start = ?").param(Timestamp.from(thisHour))
        .query((row, number) -> row.getString(1) + "=" + row.getInt(2)).list())
        .containsExactlyInAnyOrder("OVERALL=2", "REPORT=2");
  }

  static int port(ConfigurableApplicationContext node) {
    return ((WebServerApplicationContext) node).getWebServer().getPort();
  }

  @Test
  @Order(6)
  void aLoginMadeOnOneNodeIsServedByTheOtherAfterTheFirstIsGone() throws Exception {
    HttpResponse<String> login = send(nodeA, "POST", null, null);
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String setCookie = login.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("SESSION="))
        .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + login.headers().map()));
    assertThat(setCookie).contains("HttpOnly").contains("Secure").contains("SameSite=Lax");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    String csrfToken = login.body().lines().filter(line -> line.startsWith("csrf=")).findFirst().orElseThrow();

    HttpResponse<String> onB = send(nodeB, "GET", cookie, null);
    assertThat(onB.statusCode()).as(onB.body()).isEqualTo(200);
    assertThat(onB.body()).contains("user=rachel").contains("groups=").contains("researchers").contains(csrfToken);

    nodeA.close();
    HttpResponse<String> afterLoss = send(nodeB, "GET", cookie, null);
    assertThat(afterLoss.statusCode()).as(afterLoss.body()).isEqualTo(200);
    assertThat(afterLoss.body()).contains("user=rachel").contains(csrfToken);

    HttpResponse<String> stranger = send(nodeB, "GET", "SESSION=" + Base64.getEncoder()
        .encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)), null);
    assertThat(stranger.statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> send(ConfigurableApplicationContext node, String method, String cookie, String body)
      throws IOException, InterruptedException {
    int port = ((WebServerApplicationContext) node).getWebServer().getPort();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + PROBE + "?user=rachel"))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * POST signs the user in as the webapps' login does; GET tells who is signed in to this browser
   * session, with which groups and CSRF token, or answers 401.
   */
  static final class SessionProbe extends HttpServlet {

    private final transient ConfigurableApplicationContext context;

    SessionProbe(ConfigurableApplicationContext context) {
      this.context = context;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
      ProcessEngine engine = context.getBean(ProcessEngine.class);
      HttpSession session = request.getSession(true);
      Authentications authentications = new Authentications();
      authentications.addOrReplace(AuthenticationUtil.createAuthentication(engine, request.getParameter("user")));
      AuthenticationUtil.updateSession(session, authentications);
      session.setAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME, UUID.randomUUID().toString().toUpperCase());
      describe(session, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      HttpSession session = request.getSession(false);
      if (session == null || AuthenticationUtil.getAuthsFromSession(session).getAuthentications().isEmpty()) {
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        return;
      }
      describe(session, response);
    }

    private static void describe(HttpSession session, HttpServletResponse response) throws IOException {
      StringBuilder text = new StringBuilder();
      for (UserAuthentication user : AuthenticationUtil.getAuthsFromSession(session).getAuthentications()) {
        text.append("user=").append(user.getIdentityId()).append('\n')
            .append("groups=").append(user.getGroupIds().stream().sorted().collect(Collectors.joining(","))).append('\n');
      }
      text.append("csrf=").append(session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME)).append('\n');
      response.setContentType("text/plain");
      response.getWriter().write(text.toString());
    }
  }
}
