package org.trustedresearch.cases.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.TestUsers;

/** The KPIs show, per department, how many of its members have current training, and which share of them. */
@CaseManagementTest
class TrainingCoverageMeasureTest {

  static final AtomicInteger PEOPLE = new AtomicInteger();

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  ProgrammeMeasures measures;

  String newMemberOf(String... groups) {
    return TestUsers.newPerson(engine.getIdentityService(), "covered" + PEOPLE.incrementAndGet(), "Covered", true,
        groups);
  }

  List<Measure> today() {
    return measures.measure(new Period(PinnedClock.today().minusDays(29), PinnedClock.today()));
  }

  static Measure get(List<Measure> measures, String kpi, String dimension) {
    return measures.stream().filter(m -> m.kpi().equals(kpi) && m.dimension().equals(dimension)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kpi + " for " + dimension));
  }

  long membersOf(String group) {
    return engine.getIdentityService().createUserQuery().memberOfGroup(group).count();
  }

  @Test
  void eachDepartmentShowsHowManyOfItsMembersHaveCurrentRequiredTraining() {
    List<Measure> before = today();
    String trained = newMemberOf("dept-engineering");
    String expired = newMemberOf("dept-engineering");
    String optionalOnly = newMemberOf("dept-engineering");
    newMemberOf("dept-engineering");
    String elsewhere = newMemberOf();
    LocalDate today = PinnedClock.today();
    String csv = String.join("\n",
        trained + ",trusted-research," + today.minusMonths(2),
        expired + ",trusted-research," + today.minusMonths(13),
        optionalOnly + ",export-control-awareness," + today.minusMonths(1),
        elsewhere + ",trusted-research," + today.minusMonths(1));
    Reply imported = new Http(port).postFile("/api/training/records", "sam", Map.of(), "export.csv",
        csv.getBytes(StandardCharsets.UTF_8));
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);

    List<Measure> after = today();

    Measure current = get(after, "training.current", "engineering");
    assertThat(current.unit()).isEqualTo(Measure.Unit.COUNT);
    assertThat(current.current()).isEqualTo(get(before, "training.current", "engineering").current() + 1);
    assertThat(current.previous()).isNull();
    Measure share = get(after, "training.currentShare", "engineering");
    assertThat(share.unit()).isEqualTo(Measure.Unit.SHARE);
    assertThat(share.current()).isEqualTo(ProgrammeMeasures.round(current.current() / membersOf("dept-engineering")));
    assertThat(get(after, "training.current", "chemistry").current())
        .isEqualTo(get(before, "training.current", "chemistry").current());

    // the same figures in the CSV export managers download
    Reply csvReply = new Http(port).get("/api/kpis.csv?from=" + today.minusDays(29) + "&to=" + today, "maria");
    assertThat(csvReply.status()).isEqualTo(200);
    assertThat(csvReply.body()).contains("training.current,engineering,count," + current.current().longValue() + ",,")
        .contains("training.currentShare,engineering,share," + share.current() + ",,");
  }
}
