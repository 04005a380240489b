package org.trustedresearch.cases.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh PostgreSQL database for a test run: on the machine's server at 127.0.0.1:5432 when one
 * answers, otherwise (or with {@code -Dtrc.test.postgres=embedded}) on an embedded PostgreSQL
 * started for the run.
 */
public final class TestDatabases {

  /** How to reach the database. */
  public record Database(String url, String user, String password) {
  }

  private static final Logger log = LoggerFactory.getLogger(TestDatabases.class);
  private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final String PREFIX = "trc_test_";
  private static Database postgres;
  private static EmbeddedPostgres embedded;
  private static final List<Connection> KEPT_IN_USE = new ArrayList<>();

  private TestDatabases() {
  }

  public static synchronized Database postgres() {
    if (postgres == null) {
      boolean embeddedOnly = "embedded".equals(System.getProperty("trc.test.postgres"));
      postgres = embeddedOnly ? null : localServer();
      if (postgres == null) {
        postgres = embeddedServer();
      }
      keepInUse(postgres);
    }
    return postgres;
  }

  /**
   * Another database, empty, for a test that needs to see what a first start creates in it.
   */
  public static synchronized Database freshPostgres() {
    Database shared = postgres();
    Database fresh;
    if (embedded == null) {
      fresh = localServer();
    } else {
      try (Connection connection = embedded.getPostgresDatabase().getConnection()) {
        fresh = new Database(embedded.getJdbcUrl("postgres", freshDatabase(connection)), shared.user(),
            shared.password());
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    keepInUse(fresh);
    return fresh;
  }

  /**
   * A connection open until the JVM ends, so that other runs' clean-up does not take the database for
   * a leftover while no application of this run is connected (not yet started, or killed).
   */
  private static void keepInUse(Database database) {
    try {
      KEPT_IN_USE.add(DriverManager.getConnection(database.url(), database.user(), database.password()));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Database localServer() {
    String admin = LOCAL_SERVER + "postgres?connectTimeout=3";
    try (Connection connection = DriverManager.getConnection(admin, "postgres", "")) {
      String name = freshDatabase(connection);
      log.info("Tests use database {} on the PostgreSQL server at 127.0.0.1:5432", name);
      return new Database(LOCAL_SERVER + name, "postgres", "");
    } catch (SQLException e) {
      log.info("No PostgreSQL server at 127.0.0.1:5432 ({}); starting an embedded one", e.getMessage());
      return null;
    }
  }

  private static Database embeddedServer() {
    try {
      embedded = EmbeddedPostgres.builder().start();
      try (Connection connection = embedded.getPostgresDatabase().getConnection()) {
        String name = freshDatabase(connection);
        return new Database(embedded.getJdbcUrl("postgres", name), "postgres", "");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Drops what earlier runs left behind, but not a database another run is using at the same time
   * (two test runs, or two nodes of one test, may share the server), and creates a new database.
   */
  private static String freshDatabase(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      List<String> stale = new ArrayList<>();
      try (ResultSet names = statement.executeQuery("select datname from pg_database d where datname like '"
          + PREFIX + "%' and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)")) {
        while (names.next()) {
          stale.add(names.getString(1));
        }
      }
      for (String name : stale) {
        try {
          statement.execute("drop database if exists " + name);
        } catch (SQLException inUseMeanwhile) {
          log.debug("Left database {}: {}", name, inUseMeanwhile.getMessage());
        }
      }
      String name = PREFIX + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
      statement.execute("create database " + name);
      return name;
    }
  }
}
