package org.trustedresearch.cases.mou;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.springframework.stereotype.Component;
import org.trustedresearch.cases.shared.InvalidCaseInputException;

/**
 * Checks an uploaded agreement by what it contains, not by its name or the type the browser
 * claims: a PDF starts with the PDF header, a DOCX is a ZIP package holding a Word document. The
 * package's directory is read without unpacking anything.
 */
@Component
class AgreementFiles {

  static final String FIELD = "file";
  static final String PDF = "application/pdf";
  static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  static final int MAX_NAME_LENGTH = 200;

  private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ZIP_HEADER = {'P', 'K', 3, 4};

  /** An accepted file: a safe name, its type as found in its content, and its SHA-256. */
  record Checked(String fileName, String mediaType, String sha256) {
  }

  private final MouProperties properties;

  AgreementFiles(MouProperties properties) {
    this.properties = properties;
  }

  Checked check(String originalName, byte[] content) {
    if (content == null || content.length == 0) {
      throw new InvalidCaseInputException(FIELD, "is empty; choose the agreement file (PDF or DOCX)");
    }
    long limit = properties.maxUploadSize().toBytes();
    if (content.length > limit) {
      throw new InvalidCaseInputException(FIELD, "is " + megabytes(content.length) + "; an agreement may be at most "
          + megabytes(limit));
    }
    String mediaType;
    if (startsWith(content, PDF_HEADER)) {
      mediaType = PDF;
    } else if (startsWith(content, ZIP_HEADER) && isWordDocument(content)) {
      mediaType = DOCX;
    } else {
      throw new InvalidCaseInputException(FIELD, "is not a PDF or Word (DOCX) document, whatever its name says");
    }
    return new Checked(safeName(originalName, mediaType), mediaType, sha256(content));
  }

  private static boolean isWordDocument(byte[] content) {
    Path file = null;
    try {
      file = Files.createTempFile("agreement", ".zip");
      Files.write(file, content);
      try (ZipFile zip = new ZipFile(file.toFile())) {
        return zip.getEntry("[Content_Types].xml") != null && zip.getEntry("word/document.xml") != null;
      }
    } catch (ZipException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (file != null) {
        file.toFile().delete();
      }
    }
  }

  /** The file's own name without any path or control characters, ending as its type does. */
  static String safeName(String originalName, String mediaType) {
    String name = originalName == null ? "" : originalName;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
        .replaceAll("[\\p{Cntrl}\"<>|:*?]", "_").strip();
    String extension = PDF.equals(mediaType) ? ".pdf" : ".docx";
    if (!name.toLowerCase().endsWith(extension)) {
      name = name + extension;
    }
    if (name.length() > MAX_NAME_LENGTH) {
      name = name.substring(name.length() - MAX_NAME_LENGTH);
    }
    return name.equals(extension) ? "agreement" + extension : name;
  }

  private static boolean startsWith(byte[] content, byte[] prefix) {
    if (content.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (content[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String megabytes(long bytes) {
    return String.format("%.1f MB", bytes / (1024.0 * 1024.0));
  }
}
