package org.trustedresearch.cases.platform;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * A job whose transaction lost an optimistic-locking race (another transaction changed what it
 * worked on first) did nothing wrong and should simply run again. Camunda already keeps its retries
 * for that ({@code JobRetryCmd.shouldDecrementRetriesFor}), so no incident follows; but it still
 * records the conflict as the job's failure and, for a job with a retry cycle such as the
 * screening's R3/PT5M, puts it off by the cycle's interval ({@code DefaultJobRetryCmd}). Here a lost
 * race only unlocks the job and tells the job executor, which runs it again at once; its retries,
 * due date and failure record stay as they were, and the job log keeps the conflict. Every other
 * failure is handled by the engine's retry command as before.
 */
@Component
class LockConflictRetries extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // after init, so that it wraps the factory the Spring Boot starter sets up before
    FailedJobCommandFactory failures = configuration.getFailedJobCommandFactory();
    configuration.setFailedJobCommandFactory((jobId, exception) -> exception instanceof OptimisticLockingException
        ? new RunAgain(jobId, exception)
        : failures.getCommand(jobId, exception));
  }

  /** Hands the job back to the job executor as it was before the lost attempt. */
  static class RunAgain extends JobRetryCmd {

    RunAgain(String jobId, Throwable conflict) {
      super(jobId, conflict);
    }

    @Override
    public Object execute(CommandContext commandContext) {
      JobEntity job = getJob();
      if (job != null) {
        job.unlock();
        notifyAcquisition(commandContext);
      }
      return null;
    }
  }
}
