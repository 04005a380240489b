package org.trustedresearch.cases.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A database of a benchmark's own on the machine's PostgreSQL server (127.0.0.1:5432, user
 * {@code postgres}), under a name the tests' fresh databases do not clear away while it runs. Each new
 * one drops what earlier benchmarks left behind and nobody uses. As an initializer it points a Spring context at a new
 * one through the {@code postgres} profile's {@code TRC_DB_*} settings.
 */
public class BenchmarkDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  public static final String USER = "postgres";
  private static final String PREFIX = "trc_bench_";

  /** Creates a new database; returns its name. */
  public static String create() {
    return create(PREFIX);
  }

  /**
   * Creates a new database named {@code prefix} and a number; returns its name. Databases of the same
   * prefix that earlier runs left behind are dropped, but not one another run is using at the same time.
   */
  public static String create(String prefix) {
    String name = prefix + System.nanoTime();
    try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
        Statement statement = connection.createStatement()) {
      List<String> stale = new ArrayList<>();
      try (ResultSet names = statement.executeQuery("select datname from pg_database d where datname like '" + prefix
          + "%' and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)")) {
        while (names.next()) {
          stale.add(names.getString(1));
        }
      }
      for (String old : stale) {
        statement.execute("drop database if exists " + old);
      }
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Benchmarks need PostgreSQL at 127.0.0.1:5432 (user postgres)", e);
    }
    return name;
  }

  public static void drop(String name) {
    try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + name + " with (force)");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not drop benchmark database " + name, e);
    }
  }

  /** The {@code postgres} profile's settings for the database {@code name}. */
  public static List<String> settings(String name) {
    return List.of("TRC_DB_URL=" + SERVER + name, "TRC_DB_USER=" + USER, "TRC_DB_PASSWORD=");
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of(settings(create())).applyTo(context);
  }
}
