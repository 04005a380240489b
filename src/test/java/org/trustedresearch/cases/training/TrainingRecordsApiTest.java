package org.trustedresearch.cases.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.support.CaseManagementTest;
import org.trustedresearch.cases.support.Http;
import org.trustedresearch.cases.support.Http.Reply;
import org.trustedresearch.cases.support.PinnedClock;

import com.fasterxml.jackson.databind.JsonNode;

/** Training records over REST: the learning system's export, self-declarations the research office checks, currency. */
@CaseManagementTest
class TrainingRecordsApiTest {

  static final String RECORDS = "/api/training/records";
  static final String DECLARATIONS = "/api/training/self-declarations";
  static final String MODULE = "trusted-research";
  static final String OPTIONAL_MODULE = "export-control-awareness";
  static final AtomicInteger TRAINEES = new AtomicInteger();

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  TrainingRecords trainingRecords;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  /** A researcher of their own with no training record yet; the password is the id. */
  String newTrainee() {
    IdentityService identity = engine.getIdentityService();
    String id = "trainee" + TRAINEES.incrementAndGet();
    User user = identity.newUser(id);
    user.setFirstName("Trainee");
    user.setLastName(String.valueOf(TRAINEES.get()));
    user.setEmail(id + "@example.org");
    user.setPassword(id);
    identity.saveUser(user);
    identity.createMembership(id, "researchers");
    return id;
  }

  Reply upload(String user, String mode, String csv) {
    return http.postFile(RECORDS, user, mode == null ? Map.of() : Map.of("mode", mode), "export.csv",
        csv.getBytes(StandardCharsets.UTF_8));
  }

  long storedRecords() {
    return jdbc.sql("select count(*) from tr_training_record").query(Long.class).single();
  }

  static LocalDate today() {
    return PinnedClock.today();
  }

  static List<String> problems(Reply reply) {
    return java.util.stream.StreamSupport.stream(reply.json().path("problems").spliterator(), false)
        .map(problem -> problem.path("line").asInt() + " " + problem.path("field").asText()).toList();
  }

  @Test
  void anExportWithBadRowsIsRefusedWholeNamingEveryBadRowByLineAndField() {
    String trainee = newTrainee();
    long before = storedRecords();
    String csv = String.join("\n",
        "userId,module,completedOn",
        trainee + "," + MODULE + "," + today().minusMonths(2),
        "nobody-here," + MODULE + "," + today().minusMonths(2),
        trainee + ",knitting," + today().minusMonths(2),
        trainee + "," + MODULE + ",16/06/2026",
        trainee + "," + MODULE + "," + today().plusDays(1),
        trainee + "," + MODULE + "," + today().minusMonths(2),
        trainee + "," + MODULE,
        "");

    Reply refused = upload("sam", null, csv);

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(problems(refused)).containsExactly("3 userId", "4 module", "5 completedOn", "6 completedOn",
        "7 completedOn", "8 row");
    assertThat(refused.body()).contains("is not a user of this installation", "is not a module of the learning system",
        "is not a date as yyyy-mm-dd", "is in the future", "repeats line 2", "has 2 columns");
    assertThat(refused.json().path("message").asText()).contains("6 of 7 rows", "nothing was imported");
    assertThat(storedRecords()).isEqualTo(before);
    assertThat(trainingRecords.isCurrent(trainee)).isFalse();
  }

  @Test
  void inGoodRowsModeTheGoodRowsAreTakenAndTheBadOnesReported() {
    String first = newTrainee();
    String second = newTrainee();
    String csv = "\"" + first + "\",\"" + MODULE + "\",\"" + today().minusMonths(1) + "\"\r\n"
        + second + "," + OPTIONAL_MODULE + "," + today().minusDays(3) + "\r\n"
        + "ghost," + MODULE + "," + today().minusDays(3) + "\r\n";

    Reply taken = upload("sam", "good-rows", csv);

    assertThat(taken.status()).as(taken.body()).isEqualTo(201);
    assertThat(taken.json().path("taken").asInt()).isEqualTo(2);
    assertThat(taken.json().path("refused").asInt()).isEqualTo(1);
    assertThat(problems(taken)).containsExactly("3 userId");
    JsonNode record = http.get("/api/training/" + first, "sam").json().path("records").get(0);
    assertThat(record.path("source").asText()).isEqualTo("IMPORT");
    assertThat(record.path("status").asText()).isEqualTo("IMPORTED");
    assertThat(record.path("recordedBy").asText()).as("who imported it").isEqualTo("sam");
    assertThat(record.path("recordedAt").asText()).isNotBlank();
    assertThat(trainingRecords.isCurrent(first)).isTrue();
    assertThat(trainingRecords.isCurrent(second)).as("only an optional module").isFalse();
  }

  @Test
  void aCompletionImportedBeforeIsADuplicateAndTheFileIsRefused() {
    String trainee = newTrainee();
    String row = trainee + "," + MODULE + "," + today().minusMonths(3) + "\n";
    assertThat(upload("sam", null, row).status()).isEqualTo(201);
    long before = storedRecords();

    Reply again = upload("sam", null, row + trainee + "," + MODULE + "," + today().minusMonths(1) + "\n");

    assertThat(again.status()).as(again.body()).isEqualTo(400);
    assertThat(problems(again)).containsExactly("1 completedOn");
    assertThat(again.body()).contains("already recorded from an earlier import");
    assertThat(storedRecords()).isEqualTo(before);
  }

  @Test
  void aFileThatIsNotACsvExportIsRefusedNamingTheFile() {
    long before = storedRecords();
    byte[] binary = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1, 2};

    for (Reply reply : List.of(http.postFile(RECORDS, "sam", Map.of(), "photo.jpg", binary),
        http.postFile(RECORDS, "sam", Map.of(), "empty.csv", new byte[0]),
        http.postFile(RECORDS, "sam", Map.of(), "blank.csv", "\n\n".getBytes(StandardCharsets.UTF_8)),
        http.postFile(RECORDS, "sam", Map.of(), null, null),
        http.postFile(RECORDS, "sam", Map.of(), "big.csv", ("x,y,z\n".repeat(400_000)).getBytes(StandardCharsets.UTF_8)),
        http.postRaw(RECORDS, "sam", "text/csv", "a,b,c".getBytes(StandardCharsets.UTF_8)))) {
      assertThat(reply.status()).as(reply.body()).isBetween(400, 415);
      assertThat(reply.json().path("message").asText()).isNotBlank();
    }
    Reply badMode = upload("sam", "some-rows", "x,y,z\n");
    assertThat(badMode.status()).isEqualTo(400);
    assertThat(badMode.json().findValuesAsText("field")).containsExactly("mode");
    Reply binaryReply = http.postFile(RECORDS, "sam", Map.of(), "photo.jpg", binary);
    assertThat(binaryReply.json().findValuesAsText("field")).containsExactly("file");
    assertThat(storedRecords()).isEqualTo(before);
  }

  @Test
  void aSelfDeclaredCompletionCountsOnceTheResearchOfficeConfirmsIt() {
    String trainee = newTrainee();
    Reply declared = http.post(DECLARATIONS, trainee, Map.of("module", MODULE,
        "completedOn", today().minusDays(10).toString()));
    assertThat(declared.status()).as(declared.body()).isEqualTo(201);
    long id = declared.json().path("id").asLong();
    assertThat(declared.json().path("status").asText()).isEqualTo("PENDING");
    assertThat(http.get("/api/training/" + trainee, trainee).json().path("current").asBoolean()).isFalse();
    assertThat(http.get(DECLARATIONS, "sam").json().findValuesAsText("userId")).contains(trainee);

    Reply confirmed = http.post(DECLARATIONS + "/" + id + "/confirmation", "sam", Map.of());

    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    assertThat(confirmed.json().path("status").asText()).isEqualTo("CONFIRMED");
    assertThat(confirmed.json().path("decidedBy").asText()).isEqualTo("sam");
    assertThat(confirmed.json().path("decidedAt").asText()).isNotBlank();
    JsonNode standing = http.get("/api/training/" + trainee, trainee).json();
    assertThat(standing.path("current").asBoolean()).isTrue();
    assertThat(standing.path("modules").findValuesAsText("link")).allMatch(link -> link.startsWith("https://"));
    assertThat(trainingRecords.isCurrent(trainee)).isTrue();
    assertThat(http.get(DECLARATIONS, "sam").json().findValuesAsText("userId")).doesNotContain(trainee);
    Reply twice = http.post(DECLARATIONS + "/" + id + "/rejection", "sam", Map.of("reason", "Changed my mind"));
    assertThat(twice.status()).as("decided already").isEqualTo(409);
  }

  @Test
  void aRejectedDeclarationKeepsItsReasonAndDoesNotCount() {
    String trainee = newTrainee();
    long id = http.post(DECLARATIONS, trainee, Map.of("module", MODULE, "completedOn", today().minusDays(5).toString()))
        .json().path("id").asLong();

    Reply withoutReason = http.post(DECLARATIONS + "/" + id + "/rejection", "sam", Map.of());
    assertThat(withoutReason.status()).isEqualTo(400);
    assertThat(withoutReason.json().findValuesAsText("field")).containsExactly("reason");
    Reply rejected = http.post(DECLARATIONS + "/" + id + "/rejection", "sam",
        Map.of("reason", "The learning system has no completion on that day"));

    assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
    assertThat(rejected.json().path("status").asText()).isEqualTo("REJECTED");
    assertThat(rejected.json().path("decidedBy").asText()).isEqualTo("sam");
    assertThat(rejected.json().path("rejectionReason").asText()).contains("no completion");
    assertThat(trainingRecords.isCurrent(trainee)).isFalse();
    Reply again = http.post(DECLARATIONS, trainee, Map.of("module", MODULE, "completedOn", today().minusDays(5).toString()));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body()).contains("rejected");
  }

  @Test
  void aDeclarationInTheFutureOfAnUnknownModuleOrUnreadableIsRefusedNamingTheFields() {
    String trainee = newTrainee();
    long before = storedRecords();

    Reply future = http.post(DECLARATIONS, trainee, Map.of("module", "knitting", "completedOn", today().plusDays(1).toString()));
    Reply unreadable = http.post(DECLARATIONS, trainee, Map.of("module", MODULE, "completedOn", "last Tuesday"));
    Reply unknownField = http.post(DECLARATIONS, trainee, Map.of("module", MODULE, "completedOn", today().toString(),
        "status", "CONFIRMED"));
    Reply empty = http.postRaw(DECLARATIONS, trainee, "application/json", new byte[0]);

    assertThat(future.status()).isEqualTo(400);
    assertThat(future.json().findValuesAsText("field")).containsExactly("module", "completedOn");
    assertThat(future.body()).contains("is in the future");
    assertThat(unreadable.json().findValuesAsText("field")).containsExactly("completedOn");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.json().findValuesAsText("field")).containsExactly("status");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(storedRecords()).isEqualTo(before);
  }

  @Test
  void trainingStopsBeingCurrentTwelveMonthsAfterItWasCompleted() {
    String trainee = newTrainee();
    LocalDate completed = today();
    assertThat(upload("sam", null, trainee + "," + MODULE + "," + completed + "\n"
        + trainee + "," + OPTIONAL_MODULE + "," + completed + "\n").status()).isEqualTo(201);

    PinnedClock.stopAt(completed.plusMonths(12).minusDays(1).atTime(12, 0).atZone(PinnedClock.LONDON).toInstant());
    assertThat(trainingRecords.isCurrent(trainee)).as("the last day").isTrue();
    JsonNode standing = http.get("/api/training/" + trainee, trainee).json();
    assertThat(standing.path("modules").findValuesAsText("expiresOn"))
        .containsExactly(completed.plusMonths(12).toString(), completed.plusMonths(24).toString());

    PinnedClock.stopAt(completed.plusMonths(12).atTime(0, 30).atZone(PinnedClock.LONDON).toInstant());
    assertThat(trainingRecords.isCurrent(trainee)).as("twelve months on").isFalse();
    assertThat(http.get("/api/training/" + trainee, trainee).json().path("current").asBoolean()).isFalse();
  }

  @Test
  void onlyTheResearchOfficeImportsAndChecksAndOnlyThePersonTheOfficeAndManagersReadARecord() {
    String trainee = newTrainee();
    long before = storedRecords();
    String row = trainee + "," + MODULE + "," + today().minusDays(1) + "\n";
    for (String outsider : List.of("rachel", "maria", "helen", "demo")) {
      assertThat(upload(outsider, null, row).status()).as(outsider).isEqualTo(403);
    }
    assertThat(storedRecords()).isEqualTo(before);
    assertThat(http.get(DECLARATIONS, "rachel").status()).isEqualTo(403);

    for (String reader : List.of(trainee, "sam", "maria")) {
      Reply reply = http.get("/api/training/" + trainee, reader);
      assertThat(reply.status()).as(reader).isEqualTo(200);
      assertThat(reply.json().path("userId").asText()).isEqualTo(trainee);
    }
    for (String outsider : List.of("rachel", "hannah", "helen", "demo")) {
      assertThat(http.get("/api/training/" + trainee, outsider).status()).as(outsider).isEqualTo(404);
    }
    assertThat(http.get("/api/training/nobody-here", "sam").status()).isEqualTo(404);
    assertThat(http.get("/api/training/" + trainee, null).status()).isEqualTo(401);

    long id = http.post(DECLARATIONS, trainee, Map.of("module", MODULE, "completedOn", today().toString()))
        .json().path("id").asLong();
    assertThat(http.post(DECLARATIONS + "/" + id + "/confirmation", "rachel", Map.of()).status()).isEqualTo(403);
    assertThat(http.post(DECLARATIONS + "/" + id + "/confirmation", trainee, Map.of()).status()).isEqualTo(403);
    assertThat(http.post(DECLARATIONS + "/999999999/confirmation", "sam", Map.of()).status()).isEqualTo(404);

    long own = http.post(DECLARATIONS, "sam", Map.of("module", MODULE, "completedOn", today().toString()))
        .json().path("id").asLong();
    Reply ownConfirmation = http.post(DECLARATIONS + "/" + own + "/confirmation", "sam", Map.of());
    assertThat(ownConfirmation.status()).as("nobody confirms their own declaration").isEqualTo(403);
  }
}
