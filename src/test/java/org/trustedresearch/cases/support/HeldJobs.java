package org.trustedresearch.cases.support;

import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;

/**
 * Runs jobs on threads of their own, as the job executor would, and holds each one where it first
 * calls the application (a service task's delegate, a task listener) in a given activity, until
 * the test lets it go. The job has then read what it works on, but written nothing: whatever the test does
 * meanwhile is a transaction that overlaps the job's, at a point the test chooses, not by luck.
 * Jobs run through the engine's own path for executed jobs, with its handling of failures.
 */
public final class HeldJobs implements AutoCloseable {

  private static final long WAIT_SECONDS = 60;
  /** Whether this thread runs a job of this class that has not been held yet. */
  private static final ThreadLocal<Boolean> TO_HOLD = ThreadLocal.withInitial(() -> false);

  private final ProcessEngine engine;
  private final ProcessEngineConfigurationImpl configuration;
  private final DelegateInterceptor original;
  private final Semaphore arrived = new Semaphore(0);
  private final Semaphore released = new Semaphore(0);
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final ExecutorCompletionService<Void> finished = new ExecutorCompletionService<>(threads);

  /** Jobs started through this instance stop once, in {@code activityId}; other threads pass. */
  public HeldJobs(ProcessEngine engine, String activityId) {
    this.engine = engine;
    this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    this.original = configuration.getDelegateInterceptor();
    configuration.setDelegateInterceptor(invocation -> {
      if (TO_HOLD.get() && invocation.getContextExecution() instanceof DelegateExecution execution
          && activityId.equals(execution.getCurrentActivityId())) {
        TO_HOLD.set(false);
        hold();
      }
      original.handleInvocation(invocation);
    });
  }

  /** Starts executing the job on a thread of its own; the future ends as the execution does. */
  public Future<Void> execute(String jobId) {
    return finished.submit(() -> {
      TO_HOLD.set(true);
      try {
        engine.getManagementService().executeJob(jobId);
        return null;
      } finally {
        TO_HOLD.remove();
      }
    });
  }

  /** Waits until {@code count} jobs have reached the delegate and are held there. */
  public void awaitHeld(int count) throws InterruptedException {
    if (!arrived.tryAcquire(count, WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("Fewer than " + count + " jobs reached the held delegate");
    }
  }

  /** Lets one held job go on and waits until some job has finished; returns how that one ended. */
  public Future<Void> releaseOne() throws InterruptedException {
    released.release();
    Future<Void> done = finished.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    if (done == null) {
      throw new IllegalStateException("The released job did not finish");
    }
    return done;
  }

  private void hold() throws InterruptedException {
    arrived.release();
    if (!released.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("The held job was never released");
    }
  }

  /** Puts the engine's delegate interceptor back and lets anything still held go. */
  @Override
  public void close() {
    configuration.setDelegateInterceptor(original);
    released.release(Integer.MAX_VALUE / 2);
    threads.shutdownNow();
  }
}
