package org.trustedresearch.barestarter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The yardstick for the application's start-up ({@code StartupBenchmark}): what a new Spring Boot
 * 3.5 project with the Camunda 7.24 webapp and REST starters, JDBC and H2 starts, and nothing else.
 * It lives in a package of its own, so it scans none of the product's beans, and reads no
 * application.yaml (the product's is on the class path): {@code spring.config.name} names a file
 * that does not exist, and its few settings come as arguments.
 * <p>
 * It runs on the same class path as the product, which holds libraries such a project would not
 * have. Their auto-configurations are excluded: every one from a jar other than Spring Boot's own
 * auto-configuration and the Camunda starters (actuator, SpringDoc, Micrometer, Modulith ...), and
 * those of Spring Boot's that switch on only because a library is present (Flyway, mail, Spring
 * Session, Thymeleaf). What is left is the bare starter: the engine with its default in-memory H2
 * database, REST, and the webapps, with the administrator and the task filter a project from
 * start.camunda.com sets up. It deploys no models: those on this class path are the product's and
 * the tests'.
 */
@SpringBootApplication
public class BareCamundaStarter {

  static final String IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";
  static final List<String> BARE_JARS = List.of("/spring-boot-autoconfigure-", "/camunda-bpm-spring-boot-starter");
  static final Set<String> ONLY_BECAUSE_PRESENT = Set.of(
      "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
      "org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration",
      "org.springframework.boot.autoconfigure.mail.MailSenderValidatorAutoConfiguration",
      "org.springframework.boot.autoconfigure.session.SessionAutoConfiguration",
      "org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration");

  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(BareCamundaStarter.class);
    application.setDefaultProperties(Map.of(
        "spring.config.name", "bare-camunda-starter",
        "spring.autoconfigure.exclude", String.join(",", notInABareStarter()),
        // what a project from start.camunda.com sets up; the models on this class path are not its own
        "camunda.bpm.admin-user.id", "demo",
        "camunda.bpm.admin-user.password", "demo",
        "camunda.bpm.filter.create", "All tasks",
        "camunda.bpm.auto-deployment-enabled", "false"));
    application.run(args);
  }

  /** The auto-configurations on this class path that a project made of the bare starters would not have. */
  static List<String> notInABareStarter() {
    List<String> excluded = new ArrayList<>();
    try {
      for (URL imports : Collections.list(BareCamundaStarter.class.getClassLoader().getResources(IMPORTS))) {
        boolean bareJar = BARE_JARS.stream().anyMatch(imports.toString()::contains);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(imports.openStream(), StandardCharsets.UTF_8))) {
          reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
              .filter(name -> !bareJar || ONLY_BECAUSE_PRESENT.contains(name))
              .forEach(excluded::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return excluded;
  }
}
