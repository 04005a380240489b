package org.trustedresearch.cases.training;

import java.time.Period;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The training modules people complete in the learning system, and the limits of an import.
 *
 * @param modules the modules a record may name; the required ones decide whether training is current
 * @param maxUploadSize the largest CSV export accepted
 */
@ConfigurationProperties("trusted-research.training")
record TrainingProperties(List<Module> modules, DataSize maxUploadSize) {

  /**
   * One module of the learning system.
   *
   * @param id what the learning system's export calls it
   * @param title its name for people
   * @param link where people take it in the learning system
   * @param validity how long a completion counts (12 months unless given)
   * @param required whether training is current only with this module (true unless given)
   */
  record Module(String id, String title, String link, Period validity, Boolean required) {

    Module {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("Every trusted-research.training.modules entry needs an id");
      }
      if (validity != null && (validity.isNegative() || validity.isZero())) {
        throw new IllegalArgumentException("The validity of training module " + id + " must be longer than nothing");
      }
      validity = validity == null ? Period.ofMonths(12) : validity;
      required = required == null || required;
    }
  }

  TrainingProperties {
    modules = modules == null ? List.of() : List.copyOf(modules);
    if (modules.stream().map(Module::id).distinct().count() < modules.size()) {
      throw new IllegalArgumentException("trusted-research.training.modules names a module id twice");
    }
    maxUploadSize = maxUploadSize == null ? DataSize.ofMegabytes(2) : maxUploadSize;
  }

  Optional<Module> module(String id) {
    return modules.stream().filter(module -> module.id().equals(id)).findFirst();
  }
}
