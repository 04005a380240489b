/**
 * Tasklist as approvers see it: the shared filters "My tasks", "My group tasks" and "Overdue",
 * each showing the case reference, partner and risk tier of every task.
 */
package org.trustedresearch.cases.tasklist;
