package org.trustedresearch.cases.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs the same request from several threads at once: every thread waits at a start line until all
 * are ready, so that the requests really overlap in the server.
 */
public final class Race {

  private Race() {
  }

  /** Runs {@code attempt} for 0 .. runners-1 at once and returns the answers in that order. */
  public static <T> List<T> run(int runners, IntFunction<T> attempt) {
    ExecutorService pool = Executors.newFixedThreadPool(runners);
    CountDownLatch ready = new CountDownLatch(runners);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> answers = new ArrayList<>();
      for (int runner = 0; runner < runners; runner++) {
        int which = runner;
        answers.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return attempt.apply(which);
        }));
      }
      if (!ready.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("The runners did not reach the start line");
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> answer : answers) {
        results.add(answer.get(2, TimeUnit.MINUTES));
      }
      return results;
    } catch (Exception e) {
      throw new IllegalStateException("A runner failed", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
