package org.trustedresearch.cases.training;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * One person's step of a scheduled training job, in a transaction of its own. A step that finds its
 * work done a moment ago by another node answers empty and keeps nothing; a step that fails keeps
 * nothing either, is reported, and does not hold up the people after it: the next run tries again.
 */
final class JobSteps {

  private JobSteps() {
  }

  static <T> Optional<T> run(TransactionTemplate transaction, Supplier<Optional<T>> step,
      Consumer<RuntimeException> failed) {
    try {
      return transaction.execute(status -> {
        Optional<T> done = step.get();
        if (done.isEmpty()) {
          status.setRollbackOnly();
        }
        return done;
      });
    } catch (RuntimeException e) {
      failed.accept(e);
      return Optional.empty();
    }
  }
}
