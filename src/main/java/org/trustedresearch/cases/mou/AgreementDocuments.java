package org.trustedresearch.cases.mou;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;
import org.trustedresearch.cases.collaboration.CaseQueries;
import org.trustedresearch.cases.collaboration.CaseRegister;
import org.trustedresearch.cases.collaboration.CollaborationCase.MouOutcome;
import org.trustedresearch.cases.directory.AccessRules;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.mou.MouReviews.Document;
import org.trustedresearch.cases.mou.MouReviews.DocumentKind;
import org.trustedresearch.cases.mou.MouReviews.Review;
import org.trustedresearch.cases.mou.MouReviews.Round;
import org.trustedresearch.cases.shared.CaseConflictException;
import org.trustedresearch.cases.shared.InvalidCaseInputException;

/**
 * Agreement files of a case over the API: drafts while legal reviews, the signed copy once cleared;
 * every version kept. The requester, legal and the research office upload; whoever may read the
 * case (and the Head of Risk) reads. A refused upload stores nothing.
 */
@Service
class AgreementDocuments {

  static final int MAX_CHANGE_NOTE_LENGTH = ClauseReviews.MAX_NOTES_LENGTH;

  /** A review of the case's agreement with its files and rounds. */
  record AgreementReview(Review review, List<Document> documents, List<Round> rounds) {
  }

  /** A stored file and its bytes. */
  record Download(Document document, byte[] content) {
  }

  private final MouReviews reviews;
  private final AgreementFiles files;
  private final CaseQueries cases;
  private final CaseRegister register;
  private final Directory directory;
  private final IdentityService identity;
  private final TaskService tasks;
  private final ProcessEngineConfigurationImpl engine;

  AgreementDocuments(MouReviews reviews, AgreementFiles files, CaseQueries cases, CaseRegister register,
      Directory directory, IdentityService identity, TaskService tasks, ProcessEngineConfigurationImpl engine) {
    this.reviews = reviews;
    this.files = files;
    this.cases = cases;
    this.register = register;
    this.directory = directory;
    this.identity = identity;
    this.tasks = tasks;
    this.engine = engine;
  }

  List<AgreementReview> reviewsOf(String caseReference) {
    requireReader(caseReference);
    return reviews.ofCase(caseReference).stream()
        .map(review -> new AgreementReview(review, reviews.documents(review.id()), reviews.rounds(review.id())))
        .toList();
  }

  Download download(String caseReference, long documentId) {
    requireReader(caseReference);
    Document document = reviews.document(documentId)
        .filter(found -> reviews.find(found.reviewId()).map(Review::caseReference).orElse("").equals(caseReference))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No document " + documentId
            + " of case " + caseReference));
    return new Download(document, reviews.content(documentId));
  }

  @Transactional
  Document uploadDraft(String caseReference, String fileName, byte[] content, String changeNote) {
    String uploader = requireUploader(caseReference);
    Review review = reviews.latest(caseReference).filter(latest -> latest.outcome() == null)
        .orElseThrow(() -> new InvalidCaseInputException("caseReference", caseReference
            + " has no agreement waiting for a draft; a draft is handed in while the requester's task asks for one"));
    // the hand-in takes the same lock: an upload is stored before it, or finds the task gone and stores nothing
    reviews.lock(review.id());
    if (!awaits(caseReference, MouReviewProcess.KEY, MouReviewProcess.PROVIDE_DRAFT)) {
      throw new CaseConflictException("The draft agreement of case " + caseReference
          + " was handed in already and legal is reviewing it; reload to see the agreement.");
    }
    if (changeNote != null && changeNote.length() > MAX_CHANGE_NOTE_LENGTH) {
      throw new InvalidCaseInputException("changeNote", "must be at most " + MAX_CHANGE_NOTE_LENGTH + " characters");
    }
    AgreementFiles.Checked checked = files.check(fileName, content);
    return reviews.addDocument(review.id(), DocumentKind.DRAFT, checked.fileName(), checked.mediaType(), content,
        checked.sha256(), changeNote == null || changeNote.isBlank() ? null : changeNote.strip(), null, uploader);
  }

  @Transactional
  Document uploadSigned(String caseReference, String fileName, byte[] content, String expiresOn) {
    String uploader = requireUploader(caseReference);
    Review review = reviews.latest(caseReference)
        .filter(latest -> MouOutcome.CLEARED.name().equals(latest.outcome()))
        .orElseThrow(() -> new InvalidCaseInputException("caseReference", caseReference
            + " has no cleared agreement waiting for its signed copy"));
    reviews.lock(review.id());
    if (!awaits(caseReference, MouReviewProcess.SIGNED_AGREEMENT_KEY, MouReviewProcess.UPLOAD_SIGNED)) {
      throw new CaseConflictException("The signed agreement of case " + caseReference
          + " was handed in already; reload to see the agreement.");
    }
    LocalDate expiry = expiryDate(expiresOn);
    AgreementFiles.Checked checked = files.check(fileName, content);
    return reviews.addDocument(review.id(), DocumentKind.SIGNED, checked.fileName(), checked.mediaType(), content,
        checked.sha256(), null, expiry, uploader);
  }

  private static LocalDate expiryDate(String expiresOn) {
    if (expiresOn == null || expiresOn.isBlank()) {
      throw new InvalidCaseInputException(SignedAgreements.EXPIRES_ON_FIELD, "give the date the signed agreement expires");
    }
    LocalDate expiry;
    try {
      expiry = LocalDate.parse(expiresOn.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidCaseInputException(SignedAgreements.EXPIRES_ON_FIELD, "must be a date like 2029-12-31");
    }
    if (!expiry.isAfter(SignedAgreements.today())) {
      throw new InvalidCaseInputException(SignedAgreements.EXPIRES_ON_FIELD, "must be a date after today");
    }
    return expiry;
  }

  /** Whether the case has the task open that asks for this upload. */
  private boolean awaits(String caseReference, String processKey, String taskKey) {
    return asEngine(() -> tasks.createTaskQuery().processInstanceBusinessKey(caseReference)
        .processDefinitionKey(processKey).taskDefinitionKey(taskKey).count() > 0);
  }

  /** The requester or someone in legal or the research office, or the case is not found for them. */
  private String requireUploader(String caseReference) {
    String user = signedIn();
    Optional<String> requester = register.requesterOf(caseReference);
    if (requester.isEmpty() || !canRead(caseReference, user)) {
      throw notFound(caseReference);
    }
    if (!requester.get().equals(user) && !AccessRules.uploadsAnyAgreement(identity.getCurrentAuthentication())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "Only the requester, legal and the research office upload agreements of case " + caseReference);
    }
    return user;
  }

  private void requireReader(String caseReference) {
    if (register.find(caseReference).isEmpty() || !canRead(caseReference, signedIn())) {
      throw notFound(caseReference);
    }
  }

  private boolean canRead(String caseReference, String user) {
    return AccessRules.readsEveryAgreement(identity.getCurrentAuthentication()) || cases.find(caseReference).isPresent();
  }

  private String signedIn() {
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Sign in first");
    }
    return authentication.getUserId();
  }

  /** Whether the engine has a task open is the engine's business, whoever asks. */
  private <T> T asEngine(Supplier<T> query) {
    return engine.getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(query::get));
  }

  private static ResponseStatusException notFound(String caseReference) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseReference + " that you may read");
  }
}
