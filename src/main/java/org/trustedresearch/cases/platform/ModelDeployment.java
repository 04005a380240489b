package org.trustedresearch.cases.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys {@code processes/} and {@code forms/} as one deployment, so that a task's
 * {@code formRef} with {@code formRefBinding="deployment"} finds the form deployed with its model.
 * Resources are named by their path below the classpath root ({@code processes/x.bpmn}), wherever
 * the application runs from, and duplicate filtering makes a restart deploy nothing unless a model
 * or form changed.
 */
@Component
public class ModelDeployment extends AbstractProcessEnginePlugin {

  public static final String NAME = "trusted-research-cases";
  static final List<String> PATTERNS = List.of(
      "classpath*:processes/*.bpmn", "classpath*:processes/*.dmn", "classpath*:forms/**/*.form");

  private static final Logger log = LoggerFactory.getLogger(ModelDeployment.class);

  private final ObjectProvider<FormContent> formContents;

  public ModelDeployment(ObjectProvider<FormContent> formContents) {
    this.formContents = formContents;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    deploy(processEngine);
  }

  /** Deploys when anything changed; returns the deployment in effect. */
  public Deployment deploy(ProcessEngine processEngine) {
    DeploymentBuilder builder = processEngine.getRepositoryService().createDeployment()
        .name(NAME)
        .source("trusted-research-cases")
        .enableDuplicateFiltering(false);
    Map<String, FormContent> completions = new HashMap<>();
    formContents.orderedStream().forEach(content -> completions.put(content.resourceName(), content));
    for (Resource resource : resources()) {
      String name = nameOf(resource);
      try (InputStream in = resource.getInputStream()) {
        byte[] content = in.readAllBytes();
        FormContent completion = completions.get(name);
        builder.addInputStream(name, new ByteArrayInputStream(completion == null ? content : completion.complete(content)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + resource, e);
      }
    }
    Deployment deployment = builder.deploy();
    log.info("Models and forms: deployment {} ({} resources)", deployment.getId(), builder.getResourceNames().size());
    return deployment;
  }

  private static List<Resource> resources() {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    return PATTERNS.stream()
        .flatMap(pattern -> {
          try {
            return Arrays.stream(resolver.getResources(pattern));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        })
        .sorted(Comparator.comparing(ModelDeployment::nameOf))
        .toList();
  }

  /** "processes/collaboration-onboarding.bpmn", "forms/collaboration-onboarding/start.form" */
  static String nameOf(Resource resource) {
    try {
      String url = resource.getURL().toString();
      int processes = url.lastIndexOf("/processes/");
      int forms = url.lastIndexOf("/forms/");
      return url.substring(Math.max(processes, forms) + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
