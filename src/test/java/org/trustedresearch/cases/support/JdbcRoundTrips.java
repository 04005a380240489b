package org.trustedresearch.cases.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts what a command costs the database: the statements it executes (each item of a JDBC batch
 * counts), the round trips (a batch counts once) and the commits, on the calling thread only, between
 * {@link #record} and its end. Statements executed with auto-commit on that change data count as
 * commits too, since the database commits each of them. Import {@link Counting} to wrap the
 * application's DataSource.
 */
public final class JdbcRoundTrips {

  private static final ThreadLocal<Counts> CURRENT = new ThreadLocal<>();
  private static final Pattern TABLE = Pattern.compile("\\b(from|into|update)\\s+([a-z_0-9.\"]+)");

  private JdbcRoundTrips() {
  }

  /** What one command cost; {@code sql} lists each executed statement, batch items included. */
  public static final class Counts {
    private int statements;
    private int roundTrips;
    private int commits;
    private int rollbacks;
    private final List<String> sql = new ArrayList<>();
    private final List<String> trace = new ArrayList<>();

    public int statements() {
      return statements;
    }

    public int roundTrips() {
      return roundTrips;
    }

    public int commits() {
      return commits;
    }

    public int rollbacks() {
      return rollbacks;
    }

    public List<String> sql() {
      return sql;
    }

    /** Statements, batches, commits and rollbacks in the order they happened, for finding where a count comes from. */
    public List<String> trace() {
      return trace.stream().map(JdbcRoundTrips::oneLine).toList();
    }

    /** Statements by kind and first table, e.g. {@code select act_ru_task=3}, most frequent first. */
    public Map<String, Long> byTable() {
      Map<String, Long> counts = sql.stream().collect(Collectors.groupingBy(JdbcRoundTrips::kindAndTable,
          TreeMap::new, Collectors.counting()));
      return counts.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
              java.util.LinkedHashMap::new));
    }

    /** Adds another command's cost, for a user command followed by the jobs it leaves. */
    public Counts plus(Counts other) {
      Counts sum = new Counts();
      sum.statements = statements + other.statements;
      sum.roundTrips = roundTrips + other.roundTrips;
      sum.commits = commits + other.commits;
      sum.rollbacks = rollbacks + other.rollbacks;
      sum.sql.addAll(sql);
      sum.sql.addAll(other.sql);
      sum.trace.addAll(trace);
      sum.trace.addAll(other.trace);
      return sum;
    }

    @Override
    public String toString() {
      return statements + " statements, " + roundTrips + " round trips, " + commits + " commits";
    }
  }

  /** Runs {@code command} and returns what it cost the database on this thread. */
  public static Counts record(Runnable command) {
    return recordResult(() -> {
      command.run();
      return null;
    }).counts();
  }

  public record Recorded<T>(T result, Counts counts) {
  }

  public static <T> Recorded<T> recordResult(Supplier<T> command) {
    Counts outer = CURRENT.get();
    Counts counts = new Counts();
    CURRENT.set(counts);
    try {
      return new Recorded<>(command.get(), counts);
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  private static String oneLine(String sql) {
    String line = (sql.startsWith("  ") ? "  " : "") + sql.strip().replaceAll("\\s+", " ");
    return line.length() > 160 ? line.substring(0, 160) + "..." : line;
  }

  static String kindAndTable(String sql) {
    String normal = sql.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    String kind = normal.contains(" ") ? normal.substring(0, normal.indexOf(' ')) : normal;
    Matcher table = TABLE.matcher(normal);
    return table.find() ? kind + " " + table.group(2).replace("\"", "") : kind;
  }

  /** Wraps the application's DataSource in a counting one, for tests that measure commands. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Counting {
    @Bean
    static BeanPostProcessor countingDataSource() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
          return bean instanceof DataSource dataSource ? wrap(dataSource) : bean;
        }
      };
    }
  }

  public static DataSource wrap(DataSource target) {
    return proxy(DataSource.class, target, (proxy, method, args) -> {
      Object result = invoke(target, method, args);
      return result instanceof Connection connection ? connection(connection) : result;
    });
  }

  private static Connection connection(Connection target) {
    return proxy(Connection.class, target, (proxy, method, args) -> {
      Object result = invoke(target, method, args);
      Counts counts = CURRENT.get();
      switch (method.getName()) {
        case "commit" -> {
          if (counts != null) {
            counts.commits++;
            counts.trace.add("COMMIT");
          }
        }
        case "rollback" -> {
          if (counts != null && (args == null || args.length == 0)) {
            counts.rollbacks++;
            counts.trace.add("ROLLBACK");
          }
        }
        case "prepareStatement", "prepareCall", "createStatement" -> {
          String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
          return statement((Statement) result, sql, target);
        }
        default -> {
        }
      }
      return result;
    });
  }

  private static Object statement(Statement target, String preparedSql, Connection connection) {
    Class<?> type = target instanceof CallableStatement ? CallableStatement.class
        : target instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    List<String> batch = new ArrayList<>();
    return Proxy.newProxyInstance(JdbcRoundTrips.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      String name = method.getName();
      Counts counts = CURRENT.get();
      if (name.equals("addBatch")) {
        batch.add(args != null && args.length == 1 ? (String) args[0] : preparedSql);
      } else if (name.equals("clearBatch")) {
        batch.clear();
      }
      Object result = invoke(target, method, args);
      if (counts == null) {
        if (name.startsWith("executeBatch") || name.startsWith("executeLargeBatch")) {
          batch.clear();
        }
        return result;
      }
      if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
        counts.roundTrips++;
        counts.statements += batch.size();
        counts.sql.addAll(batch);
        counts.trace.add("BATCH of " + batch.size());
        batch.forEach(item -> counts.trace.add("  " + item));
        autoCommitted(counts, connection, batch.size());
        batch.clear();
      } else if (name.startsWith("execute")) {
        String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : preparedSql;
        counts.roundTrips++;
        counts.statements++;
        counts.sql.add(sql);
        counts.trace.add(sql);
        if (!sql.strip().toLowerCase(Locale.ROOT).startsWith("select")) {
          autoCommitted(counts, connection, 1);
        }
      }
      return result;
    });
  }

  private static void autoCommitted(Counts counts, Connection connection, int statements) throws Exception {
    if (connection.getAutoCommit()) {
      counts.commits += statements;
      counts.trace.add("AUTO-COMMIT of " + statements);
    }
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(JdbcRoundTrips.class.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
