package org.trustedresearch.cases.riskassessment;

import static org.trustedresearch.cases.collaboration.CollaborationCase.CHAMPION_ADVISERS;
import static org.trustedresearch.cases.riskassessment.SignOffProcess.*;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.riskassessment.SignOffProcess.ChampionAdviceOutcome;
import org.trustedresearch.cases.riskassessment.SignOffProcess.ChampionConcern;
import org.trustedresearch.cases.shared.InvalidCaseInputException.Problem;
import org.trustedresearch.cases.shared.TaskInputs;

/**
 * Completion of the security champion's advice: the advice must be given and the concern be one of the
 * levels. Records who advised, the advice as later reviewers' forms show it, and adds the champion to the
 * case's advisers, who are thanked when the case is approved. Advice decides nothing: the head of
 * department's task follows whatever it says.
 */
@Component("championAdviceListener")
class ChampionAdviceListener implements TaskListener {

  static final int MAX_TEXT_LENGTH = ReviewDecisionListener.MAX_TEXT_LENGTH;

  private final Directory directory;

  ChampionAdviceListener(Directory directory) {
    this.directory = directory;
  }

  @Override
  public void notify(DelegateTask task) {
    List<Problem> problems = new ArrayList<>();
    TaskInputs.required(task, CHAMPION_ADVICE.name(), "give your advice to the head of department", MAX_TEXT_LENGTH,
        problems);
    ChampionConcern concern = TaskInputs.choice(task, CHAMPION_CONCERN.name(), ChampionConcern.class, problems);
    TaskInputs.refuse(problems);

    String advisedBy = advisedBy(task);
    String advice = TaskInputs.text(task, CHAMPION_ADVICE.name(), MAX_TEXT_LENGTH);
    CHAMPION_ADVISED_BY.set(task.getExecution(), advisedBy);
    CHAMPION_ADVICE_OUTCOME.set(task.getExecution(), ChampionAdviceOutcome.ADVISED.name());
    String who = advisedBy == null ? "" : " " + directory.displayName(advisedBy).orElse(advisedBy) + " (" + advisedBy + ")";
    CHAMPION_ADVICE_SUMMARY.set(task.getExecution(), today() + " Security champion" + who + ", "
        + concern.name().replace('_', ' ').toLowerCase(Locale.ROOT) + ":\n" + advice);
    if (advisedBy != null) {
      DelegateExecution theCase = caseOf(task.getExecution());
      CHAMPION_ADVISERS.set(theCase, withAdviser(CHAMPION_ADVISERS.get(theCase), advisedBy));
    }
  }

  /**
   * The onboarding that called this sign-off, where the case's advisers are kept across rounds until the
   * case is decided. Written there directly rather than mapped out of every sign-off, so that a case without
   * advice (every LOW case) carries no empty variable.
   */
  private static DelegateExecution caseOf(DelegateExecution signOff) {
    DelegateExecution caller = signOff.getProcessInstance().getSuperExecution();
    return caller != null ? caller : signOff;
  }

  /** The case's advisers so far (one user id per comma) with one more, each named once. */
  static String withAdviser(String advisers, String adviser) {
    Set<String> ids = new LinkedHashSet<>();
    if (advisers != null && !advisers.isBlank()) {
      ids.addAll(List.of(advisers.split(",")));
    }
    ids.add(adviser);
    return String.join(",", ids);
  }

  static String today() {
    return ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  private static String advisedBy(DelegateTask task) {
    String signedIn = Context.getCommandContext().getAuthenticatedUserId();
    return signedIn != null ? signedIn : task.getAssignee();
  }
}
