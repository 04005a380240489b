package org.trustedresearch.cases.notification;

/** Where a task opens in Tasklist; the Tasklist module knows its filters and provides the links. */
public interface TaskLinks {

  /** The address of a task, for someone it is assigned to ({@code assigned}) or for its candidate groups. */
  String forTask(String taskId, boolean assigned);
}
