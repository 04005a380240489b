package org.trustedresearch.cases.mou;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.trustedresearch.cases.mou.AgreementDocuments.AgreementReview;
import org.trustedresearch.cases.mou.AgreementDocuments.Download;
import org.trustedresearch.cases.mou.MouProperties.Clause;
import org.trustedresearch.cases.mou.MouReviews.Document;
import org.trustedresearch.cases.shared.InvalidCaseInputException;

/**
 * {@code /api/cases/{ref}/mou}: a case's agreement reviews, their rounds and files; uploads of
 * drafts and the signed copy. {@code /api/mou/clauses}: the clause library.
 */
@RestController
class AgreementController {

  private final AgreementDocuments documents;
  private final ClauseLibrary library;

  AgreementController(AgreementDocuments documents, ClauseLibrary library) {
    this.documents = documents;
    this.library = library;
  }

  @GetMapping("/api/mou/clauses")
  List<Clause> clauses() {
    return library.all();
  }

  @GetMapping("/api/cases/{caseReference}/mou")
  List<AgreementReview> reviews(@PathVariable String caseReference) {
    return documents.reviewsOf(caseReference);
  }

  @PostMapping(path = "/api/cases/{caseReference}/mou/drafts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  Document uploadDraft(@PathVariable String caseReference, @RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "changeNote", required = false) String changeNote) {
    return documents.uploadDraft(caseReference, nameOf(file), bytesOf(file), changeNote);
  }

  @PostMapping(path = "/api/cases/{caseReference}/mou/signed", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  Document uploadSigned(@PathVariable String caseReference, @RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "expiresOn", required = false) String expiresOn) {
    return documents.uploadSigned(caseReference, nameOf(file), bytesOf(file), expiresOn);
  }

  @GetMapping("/api/cases/{caseReference}/mou/documents/{documentId}")
  ResponseEntity<byte[]> download(@PathVariable String caseReference, @PathVariable long documentId) {
    Download download = documents.download(caseReference, documentId);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(download.document().mediaType()))
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(download.document().fileName(), StandardCharsets.UTF_8).build()
                .toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(download.content());
  }

  private static String nameOf(MultipartFile file) {
    return file == null ? null : file.getOriginalFilename();
  }

  private static byte[] bytesOf(MultipartFile file) {
    if (file == null) {
      throw new InvalidCaseInputException(AgreementFiles.FIELD, "choose the agreement file (PDF or DOCX) to upload");
    }
    try {
      return file.getBytes();
    } catch (IOException e) {
      throw new InvalidCaseInputException(AgreementFiles.FIELD, "could not be read: " + e.getMessage());
    }
  }
}
