package org.trustedresearch.cases.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Nodes of a cluster build their engines one after the other. On a new database, nodes started at
 * the same moment would otherwise all create Camunda's tables (all but one fail) and all add what is
 * missing: the admin and demo users, the shared Tasklist filters, the grants, the deployment.
 * Camunda takes no lock for its schema, and the filters have no unique key. So before the engine is
 * built, a node takes a PostgreSQL advisory lock, held by one connection until the application has
 * started, and a node that waits for it finds everything in place. The lock goes with the
 * connection, so a node that dies while holding it blocks no other. On H2, a database of one
 * application, there is nothing to wait for.
 */
@Component
class StartupLock extends AbstractProcessEnginePlugin {

  /** Any number of the application's own, the same on every node. */
  static final long KEY = 0x5452_4341_5345_5301L;

  private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

  private final DataSource dataSource;
  private Connection holder;

  StartupLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public synchronized void preInit(ProcessEngineConfigurationImpl configuration) {
    try {
      Connection connection = dataSource.getConnection();
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        connection.close();
        return;
      }
      long waitingSince = System.nanoTime();
      try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_lock(?)")) {
        lock.setLong(1, KEY);
        lock.execute();
      }
      holder = connection;
      log.info("Startup lock taken after {} ms", (System.nanoTime() - waitingSince) / 1_000_000);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the startup lock", e);
    }
  }

  /** Releases the lock once everything is built and seeded, before the node serves requests. */
  @EventListener(ContextRefreshedEvent.class)
  public synchronized void release() {
    if (holder == null) {
      return;
    }
    Connection connection = holder;
    holder = null;
    try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
      unlock.setLong(1, KEY);
      unlock.execute();
      connection.close();
      log.info("Startup lock released");
    } catch (SQLException e) {
      // not back to the pool still holding the lock: ending the connection's session ends the lock
      log.warn("Releasing the startup lock failed, closing its connection: {}", e.getMessage());
      try {
        connection.abort(Runnable::run);
      } catch (SQLException ignored) {
        log.debug("Aborting the startup lock's connection failed: {}", ignored.getMessage());
      }
    }
  }
}
