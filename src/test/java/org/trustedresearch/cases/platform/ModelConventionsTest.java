package org.trustedresearch.cases.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.trustedresearch.cases.TrustedResearchCasesApplication;
import org.trustedresearch.cases.collaboration.CollaborationCase;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.incident.IncidentProcess;
import org.trustedresearch.cases.mou.MouReviewProcess;
import org.trustedresearch.cases.riskassessment.SignOffProcess;
import org.trustedresearch.cases.shared.ProcessVariable;
import org.trustedresearch.cases.training.InductionProcess;
import org.trustedresearch.cases.survey.SurveyProcess;

/** The definition of done for models and forms, checked on every file, without an engine. */
class ModelConventionsTest {

  /** Element ids as the conventions write them, e.g. UserTask_AmendProposal. */
  static final Pattern ELEMENT_ID = Pattern.compile("[A-Z][A-Za-z]+_[A-Z][A-Za-z0-9]*");

  static Set<String> applicationBeans() {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true);
    AnnotationBeanNameGenerator names = AnnotationBeanNameGenerator.INSTANCE;
    SimpleBeanDefinitionRegistry registry = new SimpleBeanDefinitionRegistry();
    Set<String> beans = new HashSet<>();
    for (BeanDefinition bean : scanner.findCandidateComponents(TrustedResearchCasesApplication.class.getPackageName())) {
      beans.add(names.generateBeanName(bean, registry));
    }
    return beans;
  }

  static Set<String> caseVariables() {
    Set<String> variables = new HashSet<>();
    CollaborationCase.ALL.stream().map(ProcessVariable::name).forEach(variables::add);
    SignOffProcess.variables().stream().map(ProcessVariable::name).forEach(variables::add);
    variables.add(SignOffProcess.REQUIRED_REVIEWERS);
    variables.addAll(MouReviewProcess.variableNames());
    IncidentProcess.variables().stream().map(ProcessVariable::name).forEach(variables::add);
    variables.add(IncidentProcess.TRIAGE_ROUTING);
    InductionProcess.variables().stream().map(ProcessVariable::name).forEach(variables::add);
    SurveyProcess.variables().stream().map(ProcessVariable::name).forEach(variables::add);
    return variables;
  }

  static List<String> check(String root) {
    return new ModelConventions(Path.of(root, "processes"), Path.of(root, "forms"), applicationBeans(), caseVariables())
        .check();
  }

  @Test
  void everyModelAndFormOfTheApplicationFollowsTheConventions() {
    assertThat(check(".")).isEmpty();
  }

  @Test
  void everyElementIdTheCodeNamesExistsInItsModel() throws IllegalAccessException {
    Map<Class<?>, List<String>> contracts = Map.of(OnboardingProcess.class, List.of(OnboardingProcess.KEY),
        SignOffProcess.class, List.of(SignOffProcess.KEY),
        MouReviewProcess.class, List.of(MouReviewProcess.KEY, MouReviewProcess.SIGNED_AGREEMENT_KEY),
        IncidentProcess.class, List.of(IncidentProcess.KEY),
        InductionProcess.class, List.of(InductionProcess.KEY),
        SurveyProcess.class, List.of(SurveyProcess.KEY, SurveyProcess.ANSWER_KEY));
    for (var contract : contracts.entrySet()) {
      List<BpmnModelInstance> models = contract.getValue().stream()
          .map(key -> Bpmn.readModelFromFile(Path.of("processes", key + ".bpmn").toFile())).toList();
      for (Field field : contract.getKey().getFields()) {
        Object value = field.get(null);
        if (value instanceof String id && ELEMENT_ID.matcher(id).matches()) {
          assertThat(models.stream().anyMatch(model -> model.getModelElementById(id) != null))
              .as(contract.getKey().getSimpleName() + "." + field.getName()).isTrue();
        }
      }
    }
    for (ReviewerRole role : ReviewerRole.values()) {
      Object task = Bpmn.readModelFromFile(Path.of("processes", SignOffProcess.KEY + ".bpmn").toFile())
          .getModelElementById(role.taskId());
      assertThat(task).as(role.name()).isNotNull();
    }
  }

  static Object fieldValue(Class<?> type, String name) throws IllegalAccessException {
    try {
      return type.getField(name).get(null);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(type + " has no " + name, e);
    }
  }

  @Test
  void theCheckFindsWhatABadModelGetsWrong() {
    List<String> violations = check("src/test/resources/conventions");

    assertThat(violations).contains(
        "bad-onboarding.bpmn: no process with the id bad-onboarding (process key = file name)",
        "bad-onboarding.bpmn: process something-else has no historyTimeToLive",
        "bad-onboarding.bpmn: has a script task; use a service task with a ${...Delegate} bean",
        "bad-onboarding.bpmn: Activity_0x1abc is not a readable id like UserTask_ReviewAsHeadOfDepartment",
        "bad-onboarding.bpmn: Activity_0x1abc has no candidate groups",
        "bad-onboarding.bpmn: Activity_0x1abc has no documentation telling the person what to check and why",
        "bad-onboarding.bpmn: Activity_0x1abc has no due date",
        "bad-onboarding.bpmn: Activity_0x1abc has no formRef",
        "bad-onboarding.bpmn: UserTask_Approve has a fixed assignee; use candidate groups",
        "bad-onboarding.bpmn: UserTask_Approve refers to form bad-onboarding-missing, which is not in forms/",
        "bad-onboarding.bpmn: UserTask_Approve must bind its form with formRefBinding=\"deployment\"",
        "bad-onboarding.bpmn: Gateway_Approved decides between flows, so its name is a question ending in '?'",
        "bad-onboarding.bpmn: ServiceTask_Notify uses camunda:class; use a ${...Delegate} bean",
        "bad-onboarding.bpmn: ServiceTask_Notify must call ${notifyDelegate}",
        "bad-onboarding.bpmn: ServiceTask_Screen is asynchronous without a failedJobRetryTimeCycle",
        "bad-onboarding.bpmn: ServiceTask_Screen is not in the diagram",
        "bad-onboarding.bpmn: DecisionTask_Tier refers to unknown decision no-such-decision",
        "bad-onboarding.bpmn: EndEvent_Done is not in the diagram",
        "bad-onboarding.bpmn: ${undefinedBean.call()} uses undefinedBean, which is neither a bean nor a known variable",
        "bad-tier.dmn: decision bad-tier-decision has no historyTimeToLive",
        "bad-tier.dmn: no decision with the id bad-tier (decision key = file name)",
        "start.form: has id wrong-id; expected bad-onboarding-start (<process-key>-<file-name>)",
        "start.form: field favouriteColour is not a known process variable",
        "start.form: form wrong-id is used by no model");
  }
}
