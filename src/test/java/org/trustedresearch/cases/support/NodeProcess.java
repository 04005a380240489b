package org.trustedresearch.cases.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trustedresearch.cases.TrustedResearchCasesApplication;

/**
 * The application as a node of its own: a separate JVM on the test's classpath, with the demo and
 * postgres profiles, on a test database and sending e-mail to the test SMTP server, with its job
 * executor and the webapps on, as a node of a cluster runs. Its output goes to
 * {@code target/nodes/<name>.log}. A node can be stopped as an operator would ({@link #stop()},
 * SIGTERM) or lost ({@link #kill()}, SIGKILL: nothing of the application runs after it). Nodes the
 * test leaves running are killed when the test JVM ends, also when the test failed.
 */
public final class NodeProcess {

  /** How long a node holds a job or an e-mail it claimed before another node may take it over. */
  public static final Duration LOCK_TIME = Duration.ofSeconds(10);
  /** The exit status of a JVM ended by SIGKILL (128 + 9). */
  public static final int KILLED = 137;

  private static final Logger log = LoggerFactory.getLogger(NodeProcess.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
        "kill-test-nodes"));
  }

  private final String name;
  private final List<String> command;
  private final Path logFile;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final int port;
  private Process process;
  private boolean launchedBefore;

  private NodeProcess(String name, List<String> command, int port, Path logFile) {
    this.name = name;
    this.command = command;
    this.port = port;
    this.logFile = logFile;
  }

  /**
   * A node named {@code name} on {@code database}, sending e-mail to the test SMTP server, not yet
   * started; {@code settings} are further {@code --key=value} arguments.
   */
  public static NodeProcess on(String name, TestDatabases.Database database, String... settings) {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"),
        "-Xmx512m",
        "-cp", System.getProperty("java.class.path"),
        TrustedResearchCasesApplication.class.getName(),
        "--spring.profiles.active=demo,postgres",
        "--server.port=" + port,
        "--TRC_DB_URL=" + database.url(),
        "--TRC_DB_USER=" + database.user(),
        "--TRC_DB_PASSWORD=" + database.password(),
        "--spring.mail.host=127.0.0.1",
        "--spring.mail.port=" + TestMailServer.server().getSmtp().getPort(),
        "--camunda.bpm.job-execution.enabled=true",
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME.toMillis(),
        "--camunda.bpm.webapp.enabled=true",
        "--trusted-research.notification.dispatch.enabled=true",
        "--trusted-research.notification.dispatch.interval=PT1S",
        "--trusted-research.notification.dispatch.lock-timeout=" + LOCK_TIME,
        "--trusted-research.incidents.limit-key=test-nodes-share-this-key"));
    command.addAll(List.of(settings));
    return new NodeProcess(name, command, port, Path.of("target", "nodes", name + ".log"));
  }

  /** Starts the JVM and returns at once; see {@link #awaitHealthy()}. */
  public NodeProcess launch() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is running already");
    }
    try {
      Files.createDirectories(logFile.getParent());
      File output = logFile.toFile();
      // one log per node across its restarts, begun afresh by each test run
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(launchedBefore ? ProcessBuilder.Redirect.appendTo(output) : ProcessBuilder.Redirect.to(output))
          .start();
      launchedBefore = true;
      RUNNING.add(process);
      log.info("Started node {} (pid {}) on port {}, log {}", name, process.pid(), port, logFile);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start node " + name, e);
    }
  }

  /** Starts the node and waits until it is healthy. */
  public NodeProcess start() {
    launch();
    awaitHealthy();
    return this;
  }

  /** Waits until {@code /actuator/health} answers UP; fails if the JVM ends or takes too long. */
  public void awaitHealthy() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Node " + name + " ended with status " + process.exitValue()
            + " before it was healthy; see " + logFile.toAbsolutePath());
      }
      if (isHealthy()) {
        return;
      }
      sleep(Duration.ofMillis(200));
    }
    throw new IllegalStateException("Node " + name + " not healthy after " + START_TIMEOUT + "; see "
        + logFile.toAbsolutePath());
  }

  /** Whether the node answers its health check with UP now. */
  public boolean isHealthy() {
    try {
      HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(url("/actuator/health")))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return health.statusCode() == 200 && health.body().contains("\"UP\"");
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Loses the node: SIGKILL, as a power cut or the kernel's OOM killer would; returns its exit status. */
  public int kill() {
    return end(true);
  }

  /** Stops the node as an operator would: SIGTERM, and Spring's graceful shutdown; returns its exit status. */
  public int stop() {
    return end(false);
  }

  private int end(boolean force) {
    if (process == null) {
      throw new IllegalStateException(name + " was never started");
    }
    // on Linux and macOS destroyForcibly sends SIGKILL and destroy SIGTERM (ProcessHandleImpl.destroy0)
    Process ending = process;
    if (force) {
      ending.destroyForcibly();
    } else {
      ending.destroy();
    }
    try {
      if (!ending.waitFor(1, TimeUnit.MINUTES)) {
        ending.destroyForcibly().waitFor();
      }
      return ending.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      RUNNING.remove(ending);
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public String url(String path) {
    return "http://localhost:" + port + path;
  }

  public Path logFile() {
    return logFile;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
