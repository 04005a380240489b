package org.trustedresearch.cases.support;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real SMTP server (GreenMail) for the tests, started once per JVM on a free port. Applications
 * under test send to it; the dispatcher is driven by the tests, not by its schedule.
 */
public class TestMailServer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static GreenMail server;
  private static int port;

  public static synchronized GreenMail server() {
    if (server == null) {
      server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      server.start();
      port = server.getSmtp().getPort();
    }
    return server;
  }

  /** Stops the server: deliveries now fail as they would with the mail server down. */
  public static synchronized void stop() {
    server().stop();
  }

  /** Starts the server again on the same port, empty. */
  public static synchronized void restart() {
    if (server != null) {
      server.stop();
    }
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
  }

  public static List<MimeMessage> received() {
    return Arrays.asList(server().getReceivedMessages());
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    server();
    TestPropertyValues.of(
        "spring.mail.host=127.0.0.1",
        "spring.mail.port=" + port,
        "trusted-research.notification.dispatch.enabled=false")
        .applyTo(context);
  }
}
