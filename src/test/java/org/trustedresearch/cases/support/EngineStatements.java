package org.trustedresearch.cases.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * The SQL the engine's queries send, as the engine's mapping made it for them, with the values bound to
 * each placeholder: recorded on the calling thread only, between {@link #record} and its end, so that a
 * test can ask the database for the plan of exactly what the engine asked.
 */
@Intercepts(@Signature(type = Executor.class, method = "query",
    args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}))
public final class EngineStatements implements Interceptor {

  /** One statement: the mapping's id, its SQL with {@code ?} placeholders and their values in order. */
  public record Statement(String id, String sql, List<Object> values) {
  }

  private static final ThreadLocal<List<Statement>> CURRENT = new ThreadLocal<>();

  private EngineStatements() {
  }

  /** The queries {@code work} sends to the engine's database on this thread. */
  public static List<Statement> record(ProcessEngine engine, Runnable work) {
    Configuration mybatis = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getSqlSessionFactory().getConfiguration();
    synchronized (EngineStatements.class) {
      if (mybatis.getInterceptors().stream().noneMatch(EngineStatements.class::isInstance)) {
        mybatis.addInterceptor(new EngineStatements());
      }
    }
    List<Statement> recorded = new ArrayList<>();
    CURRENT.set(recorded);
    try {
      work.run();
    } finally {
      CURRENT.remove();
    }
    return recorded;
  }

  /** The one statement whose id ends with {@code idEnd} among those {@code work} sends. */
  public static Statement only(ProcessEngine engine, String idEnd, Supplier<?> work) {
    List<Statement> matching = record(engine, work::get).stream()
        .filter(statement -> statement.id().endsWith(idEnd)).toList();
    if (matching.size() != 1) {
      throw new AssertionError("Expected one statement " + idEnd + ", found " + matching);
    }
    return matching.get(0);
  }

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    List<Statement> recorded = CURRENT.get();
    if (recorded != null) {
      MappedStatement mapped = (MappedStatement) invocation.getArgs()[0];
      Object parameter = invocation.getArgs()[1];
      BoundSql bound = mapped.getBoundSql(parameter);
      MetaObject properties = parameter == null ? null : mapped.getConfiguration().newMetaObject(parameter);
      List<Object> values = new ArrayList<>();
      for (ParameterMapping mapping : bound.getParameterMappings()) {
        String name = mapping.getProperty();
        if (bound.hasAdditionalParameter(name)) {
          values.add(bound.getAdditionalParameter(name));
        } else if (parameter == null
            || mapped.getConfiguration().getTypeHandlerRegistry().hasTypeHandler(parameter.getClass())) {
          values.add(parameter);
        } else {
          values.add(properties.getValue(name));
        }
      }
      recorded.add(new Statement(mapped.getId(), bound.getSql(), values));
    }
    return invocation.proceed();
  }
}
