package org.trustedresearch.cases.training;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.trustedresearch.cases.directory.AccessRules;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.shared.InvalidCaseInputException;
import org.trustedresearch.cases.training.TrainingImport.Outcome;
import org.trustedresearch.cases.training.TrainingRecords.Standing;
import org.trustedresearch.cases.training.TrainingRecords.TrainingRecord;

/**
 * {@code /api/training}: the research office imports the learning system's export and checks
 * self-declared completions; everyone declares their own and reads whether their training is
 * current, as do the research office and managers for anyone.
 */
@RestController
class TrainingController {

  /** A completion the signed-in user declares: the module's id and the date as yyyy-mm-dd. */
  record Declaration(String module, String completedOn) {
  }

  record Rejection(String reason) {
  }

  private final TrainingRecords records;
  private final TrainingImport imports;
  private final IdentityService identity;
  private final Directory directory;

  TrainingController(TrainingRecords records, TrainingImport imports, IdentityService identity, Directory directory) {
    this.records = records;
    this.imports = imports;
    this.identity = identity;
    this.directory = directory;
  }

  /**
   * The learning system's CSV export as the multipart part {@code file}; {@code mode} is
   * {@code all-or-nothing} (default: a file with a bad row is refused whole, 400 listing every bad
   * row) or {@code good-rows} (the good rows are taken, the bad ones listed).
   */
  @PostMapping(path = "/api/training/records", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Object> importExport(@RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "mode", required = false) String mode) {
    String officer = officer();
    TrainingImport.Mode chosen = TrainingImport.Mode.of(mode);
    Outcome outcome = imports.take(bytesOf(file), chosen, officer);
    if (outcome.refusedWhole()) {
      return ResponseEntity.badRequest().body(Map.of("type", "InvalidCaseInput",
          "message", outcome.refused() + " of " + outcome.rows() + " rows cannot be taken; nothing was imported",
          "problems", outcome.problems()));
    }
    return ResponseEntity.status(outcome.taken() > 0 ? HttpStatus.CREATED : HttpStatus.OK).body(outcome);
  }

  @PostMapping("/api/training/self-declarations")
  @ResponseStatus(HttpStatus.CREATED)
  TrainingRecord declare(@RequestBody(required = false) Declaration declaration) {
    String user = signedIn().getUserId();
    if (declaration == null) {
      throw new InvalidCaseInputException("module", "send the module and completedOn as JSON");
    }
    return records.declare(user, declaration.module(), declaration.completedOn());
  }

  /** Declarations waiting for the research office, oldest first. */
  @GetMapping("/api/training/self-declarations")
  List<TrainingRecord> pending() {
    officer();
    return records.pending();
  }

  @PostMapping("/api/training/self-declarations/{id}/confirmation")
  TrainingRecord confirm(@PathVariable long id) {
    return records.confirm(id, officer());
  }

  @PostMapping("/api/training/self-declarations/{id}/rejection")
  TrainingRecord reject(@PathVariable long id, @RequestBody(required = false) Rejection rejection) {
    String officer = officer();
    return records.reject(id, officer, rejection == null ? null : rejection.reason());
  }

  /** Whether someone's training is current, and their records: for themselves, the research office and managers. */
  @GetMapping("/api/training/{userId}")
  Standing standing(@PathVariable String userId) {
    Authentication caller = signedIn();
    boolean own = caller.getUserId().equals(userId);
    if (!own && !(AccessRules.readsEveryTrainingRecord(caller) && directory.person(userId).isPresent())) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No training record of " + userId + " that you may read");
    }
    return records.standing(userId);
  }

  @ExceptionHandler(TrainingRecords.DeclarationNotFound.class)
  ResponseEntity<Map<String, Object>> notFound(TrainingRecords.DeclarationNotFound e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("type", "NotFound", "message", e.getMessage()));
  }

  @ExceptionHandler(TrainingRecords.OwnDeclaration.class)
  ResponseEntity<Map<String, Object>> ownDeclaration(TrainingRecords.OwnDeclaration e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("type", "AuthorizationException",
        "message", e.getMessage()));
  }

  private Authentication signedIn() {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Sign in first");
    }
    return caller;
  }

  /** The signed-in member of the research office; anyone else is refused with 403. */
  private String officer() {
    Authentication caller = signedIn();
    if (!AccessRules.keepsTrainingRecords(caller)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Training records are kept by the research office");
    }
    return caller.getUserId();
  }

  private static byte[] bytesOf(MultipartFile file) {
    if (file == null) {
      throw new InvalidCaseInputException(TrainingImport.FILE, "choose the learning system's CSV export to upload");
    }
    try {
      return file.getBytes();
    } catch (IOException e) {
      throw new InvalidCaseInputException(TrainingImport.FILE, "could not be read");
    }
  }
}
