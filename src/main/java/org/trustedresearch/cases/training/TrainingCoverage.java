package org.trustedresearch.cases.training;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.directory.Directory.Person;
import org.trustedresearch.cases.directory.Groups;
import org.trustedresearch.cases.training.TrainingProperties.Module;

/**
 * How many people of each department (members of {@code dept-<department>}) have current training
 * today, by the same rule as {@link TrainingRecords#isCurrent}: every required module has an imported
 * or confirmed completion whose validity runs past today. One query for everyone's latest completions.
 */
@Service
public class TrainingCoverage {

  /** A department's members and how many of them have current training. */
  public record Coverage(String department, int members, int current) {

    /** The share with current training, or null for a department without members. */
    public Double share() {
      return members == 0 ? null : (double) current / members;
    }
  }

  private final JdbcClient jdbc;
  private final TrainingRecords records;
  private final TrainingProperties properties;
  private final Directory directory;

  TrainingCoverage(JdbcClient jdbc, TrainingRecords records, TrainingProperties properties, Directory directory) {
    this.jdbc = jdbc;
    this.records = records;
    this.properties = properties;
    this.directory = directory;
  }

  /** Each configured department, in configured order. */
  public List<Coverage> byDepartment() {
    Set<String> current = withCurrentTraining();
    return directory.departments().stream().map(department -> {
      List<Person> members = directory.membersOf(Groups.department(department));
      int trained = (int) members.stream().map(Person::id).filter(current::contains).count();
      return new Coverage(department, members.size(), trained);
    }).toList();
  }

  /** Everyone whose training is current today. */
  Set<String> withCurrentTraining() {
    LocalDate today = records.today();
    List<Module> required = properties.modules().stream().filter(Module::required).toList();
    Map<String, Map<String, LocalDate>> latest = new HashMap<>();
    jdbc.sql("""
        select user_id, module_id, max(completed_on) from tr_training_record
        where status in ('IMPORTED', 'CONFIRMED') group by user_id, module_id""")
        .query((rs, row) -> latest.computeIfAbsent(rs.getString(1), user -> new LinkedHashMap<>())
            .put(rs.getString(2), rs.getDate(3).toLocalDate()))
        .list();
    return latest.entrySet().stream()
        .filter(person -> required.stream().allMatch(module -> {
          LocalDate completedOn = person.getValue().get(module.id());
          return completedOn != null && completedOn.plus(module.validity()).isAfter(today);
        }))
        .map(Map.Entry::getKey).collect(Collectors.toSet());
  }
}
