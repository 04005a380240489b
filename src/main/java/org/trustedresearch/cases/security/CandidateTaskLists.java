package org.trustedresearch.cases.security;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.persistence.entity.TaskManager;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Candidate task lists (a group's tasks, a user's candidacy, Tasklist's "My group tasks") at a cost set by
 * the page, not by how many tasks the candidates have (README, "Lists at scale"). The engine finds such
 * tasks by joining every task with its identity links, which repeats a task once per matching link, so it
 * removes the repeats with DISTINCT over whole rows: the database reads and sorts every one of the
 * candidates' tasks before it can hand out the newest 50. Here the candidacy is asked as EXISTS on the
 * identity links instead (same conditions on the same link row, so the same tasks): each task appears
 * once, and the database walks the task index in the order asked for and stops at the page. The rest of
 * the query is the engine's own SQL, unchanged.
 *
 * <p>It applies to lists and counts of task queries whose candidacy is the query's own (not inside an "or"
 * branch), with no involved user (which needs the join) and nothing else that repeats rows (the engine's
 * authorization join, which {@link AuthorizationAtScale} leaves out for a user's own candidacy, or
 * sorting by variables). Every other query runs the engine's statement as it is. Engine REST, Tasklist's
 * filters and Java all come through the engine's task manager, which this replaces.
 */
@Component
public class CandidateTaskLists extends AbstractProcessEnginePlugin {

  static final String MAPPING = "org/trustedresearch/cases/security/CandidateTasks.xml";
  static final String LIST = "org.trustedresearch.cases.security.CandidateTasks.selectTasks";
  static final String COUNT = "org.trustedresearch.cases.security.CandidateTasks.countTasks";

  private static final ThreadLocal<Candidacy> LIFTED = new ThreadLocal<>();
  private static final List<Field> CANDIDACY_FIELDS = fields("candidateUser", "candidateGroup", "candidateGroups",
      "cachedCandidateGroups", "candidateGroupLike", "withCandidateGroups", "withCandidateUsers");

  /** The candidacy of the query running on this thread, for the mapping's EXISTS. */
  public static Candidacy lifted() {
    return LIFTED.get();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineSessions.replace(configuration, TaskManager.class, Tasks::new);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    if (mybatis.isResourceLoaded(MAPPING)) {
      return;
    }
    try (InputStream mapping = CandidateTaskLists.class.getClassLoader().getResourceAsStream(MAPPING)) {
      new XMLMapperBuilder(mapping, mybatis, MAPPING, mybatis.getSqlFragments()).parse();
    } catch (IOException e) {
      throw new ProcessEngineException("Could not read " + MAPPING, e);
    }
  }

  /** The candidate conditions of a query, as the engine's SQL states them on one identity link. */
  public static final class Candidacy {
    private final String user;
    private final List<String> groups;
    private final String groupLike;
    private final boolean withGroups;
    private final boolean withUsers;
    private final boolean includeAssigned;

    Candidacy(TaskQueryImpl query) {
      user = query.getCandidateUser();
      groups = query.getCandidateGroups();
      groupLike = query.getCandidateGroupLike();
      withGroups = Boolean.TRUE.equals(query.isWithCandidateGroups());
      withUsers = Boolean.TRUE.equals(query.isWithCandidateUsers());
      includeAssigned = query.isIncludeAssignedTasks();
    }

    public String getUser() {
      return user;
    }

    public List<String> getGroups() {
      return groups;
    }

    public String getGroupLike() {
      return groupLike;
    }

    public boolean isWithGroups() {
      return withGroups;
    }

    public boolean isWithUsers() {
      return withUsers;
    }

    public boolean isIncludeAssigned() {
      return includeAssigned;
    }
  }

  /** True if the query's candidacy can be asked as EXISTS with the same answers, as described above. */
  static boolean liftable(TaskQueryImpl query) {
    if (!hasCandidacy(query) || query.getInvolvedUser() != null) {
      return false;
    }
    List<String> groups = query.getCandidateGroups();
    if (groups != null && groups.isEmpty() && query.getCandidateUser() == null
        && query.getCandidateGroupLike() == null) {
      return false;
    }
    for (TaskQueryImpl branch : query.getQueries().subList(1, query.getQueries().size())) {
      if (hasCandidacy(branch) || branch.getInvolvedUser() != null) {
        return false;
      }
    }
    AuthorizationCheck check = query.getAuthCheck();
    boolean authorizationJoin = check.getShouldPerformAuthorizatioCheck() && check.getAuthUserId() != null
        && !check.isRevokeAuthorizationCheckEnabled();
    return !authorizationJoin
        && query.getOrderingProperties().stream().allMatch(ordering -> ordering.getRelation() == null);
  }

  private static boolean hasCandidacy(TaskQueryImpl query) {
    return query.getCandidateUser() != null || query.getCandidateGroup() != null
        || query.getCandidateGroupsInternal() != null || query.getCandidateGroupLike() != null
        || Boolean.TRUE.equals(query.isWithCandidateGroups()) || Boolean.TRUE.equals(query.isWithCandidateUsers());
  }

  /** The engine's task manager, with candidate lists and counts asked as above. */
  static class Tasks extends TaskManager {

    @Override
    @SuppressWarnings("unchecked")
    public List<Task> findTasksByQueryCriteria(TaskQueryImpl query) {
      configureQuery(query);
      return candidacyLifted(query, () -> getDbEntityManager().selectList(LIST, query),
          () -> getDbEntityManager().selectList("selectTaskByQueryCriteria", query));
    }

    @Override
    public long findTaskCountByQueryCriteria(TaskQueryImpl query) {
      configureQuery(query);
      return candidacyLifted(query, () -> (Long) getDbEntityManager().selectOne(COUNT, query),
          () -> (Long) getDbEntityManager().selectOne("selectTaskCountByQueryCriteria", query));
    }

    /** True if this manager asks the query's candidacy as EXISTS (the query is configured for the user as it goes). */
    boolean lifts(TaskQueryImpl query) {
      configureQuery(query);
      return liftable(query);
    }

    /**
     * Runs {@code lifted} with the query's candidacy taken out of the query (so that the engine's SQL leaves
     * out the join) and handed to the mapping, and puts it back afterwards; or the engine's own statement.
     */
    private static <T> T candidacyLifted(TaskQueryImpl query, Supplier<T> lifted, Supplier<T> engines) {
      if (!liftable(query)) {
        return engines.get();
      }
      Candidacy candidacy = new Candidacy(query);
      List<Object> saved = new ArrayList<>();
      try {
        for (Field field : CANDIDACY_FIELDS) {
          saved.add(field.get(query));
          field.set(query, null);
        }
        LIFTED.set(candidacy);
        return lifted.get();
      } catch (IllegalAccessException e) {
        throw new ProcessEngineException("Could not lift the candidacy out of a task query", e);
      } finally {
        LIFTED.remove();
        try {
          for (int i = 0; i < saved.size(); i++) {
            CANDIDACY_FIELDS.get(i).set(query, saved.get(i));
          }
        } catch (IllegalAccessException e) {
          throw new ProcessEngineException("Could not restore a task query's candidacy", e);
        }
      }
    }
  }

  private static List<Field> fields(String... names) {
    List<Field> fields = new ArrayList<>();
    for (String name : names) {
      try {
        Field field = TaskQueryImpl.class.getDeclaredField(name);
        field.setAccessible(true);
        fields.add(field);
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException("The engine's task query has no " + name, e);
      }
    }
    return fields;
  }
}
