package org.trustedresearch.cases.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.trustedresearch.cases.shared.BufferedBody;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * A request sent again with the same {@code Idempotency-Key} by the same caller within the retention
 * (24 hours) gets the first request's answer and does nothing new: the project API's writes and case
 * starts through engine REST and Tasklist. The same key with a different request is a 422. A
 * duplicate that arrives while the first still runs waits for its answer; the table's primary key
 * decides which is first, also across nodes. Only successful answers are kept: after a refusal or
 * failure the key is free for a corrected retry. Anonymous reports share the caller "anonymous", so
 * that nothing about their sender is stored.
 */
@Configuration
class IdempotentRequests {

  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  static final int MAX_KEY_LENGTH = 255;
  static final String ANONYMOUS = "anonymous";
  static final String FORGET_EXPIRED_KEYS = "forget-expired-idempotency-keys";
  /** Shorter than the hour between runs, longer than the nodes' clocks differ. */
  static final Duration FORGET_HOLD = Duration.ofMinutes(30);

  private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);
  private static final Pattern CASE_START = Pattern.compile("^/(?:engine-rest|camunda/api/engine)(?:/engine/(?<engine>[^/]+))?"
      + "/process-definition/(?:key/[^/]+(?:/tenant-id/[^/]+)?|[^/]+)/(?:start|submit-form)/?$");
  private static final String PROJECT_API = "/api/";
  private static final String ANONYMOUS_REPORTS = "/api/incidents/anonymous";
  private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]+");
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final IdempotencyKeys keys;
  private final IdempotencyProperties properties;
  private final IdentityService identity;
  private final ScheduledRuns runs;

  IdempotentRequests(IdempotencyKeys keys, IdempotencyProperties properties, IdentityService identity,
      ScheduledRuns runs) {
    this.keys = keys;
    this.properties = properties;
    this.identity = identity;
    this.runs = runs;
  }

  @Bean
  FilterRegistrationBean<Filter> idempotentRequestsFilter() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(this::filter);
    registration.setName("trustedResearchIdempotentRequests");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*", "/api/*");
    // after the REST login (who is asking) and the request guard (what may be sent): refusals are never kept
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 40);
    return registration;
  }

  /** Keys older than the retention are forgotten, hourly, by one node of the cluster. */
  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
  void forgetExpiredKeys() {
    if (!runs.claim(FORGET_EXPIRED_KEYS, FORGET_HOLD)) {
      return;
    }
    int forgotten = keys.forgetCreatedBefore(now().minus(properties.retention()));
    if (forgotten > 0) {
      log.info("Forgot {} idempotency keys older than {}", forgotten, properties.retention());
    }
  }

  private void filter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) servletRequest;
    HttpServletResponse response = (HttpServletResponse) servletResponse;
    String key = request.getHeader(HEADER);
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    Matcher start = CASE_START.matcher(path);
    boolean write = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())
        && !"OPTIONS".equals(request.getMethod());
    if (key == null || !write || !(start.matches() || path.startsWith(PROJECT_API))) {
      chain.doFilter(request, response);
      return;
    }
    if (key.length() > MAX_KEY_LENGTH || !VISIBLE_ASCII.matcher(key).matches()) {
      answer(response, HttpServletResponse.SC_BAD_REQUEST, "InvalidCaseInput",
          HEADER + " must be 1 to " + MAX_KEY_LENGTH + " visible characters, such as a UUID", HEADER);
      return;
    }
    Optional<String> scope = path.startsWith(ANONYMOUS_REPORTS) ? Optional.of(ANONYMOUS)
        : caller(request, start.matches() ? start.group("engine") : null);
    if (scope.isEmpty()) {
      chain.doFilter(request, response); // the login refuses it
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    HttpServletRequest repeatable = new BufferedBody(request, body);
    String keyHash = sha256(key.getBytes(StandardCharsets.UTF_8));
    String fingerprint = fingerprint(request, path, body);
    Instant deadline = now().plus(properties.waitForFirst());
    while (true) {
      if (keys.claim(scope.get(), keyHash, fingerprint, now())) {
        runFirst(repeatable, response, chain, scope.get(), keyHash);
        return;
      }
      Optional<IdempotencyKeys.Entry> found = keys.find(scope.get(), keyHash);
      if (found.isEmpty()) {
        continue; // the first failed and let go of the key a moment ago
      }
      IdempotencyKeys.Entry entry = found.get();
      boolean expired = entry.createdAt().isBefore(now().minus(properties.retention()));
      boolean abandoned = IdempotencyKeys.PENDING.equals(entry.state())
          && entry.createdAt().isBefore(now().minus(properties.abandonedAfter()));
      if (expired || abandoned) {
        keys.forget(scope.get(), keyHash, entry.createdAt());
        continue;
      }
      if (!entry.fingerprint().equals(fingerprint)) {
        answer(response, 422, "IdempotencyKeyReused", "This " + HEADER
            + " was already used for a different request; send a new key with a new request", HEADER);
        return;
      }
      if (IdempotencyKeys.DONE.equals(entry.state())) {
        replay(response, entry);
        return;
      }
      if (now().isAfter(deadline)) {
        answer(response, HttpServletResponse.SC_CONFLICT, "Conflict", "The first request with this " + HEADER
            + " is still being processed; try again in a moment", null);
        return;
      }
      pause();
    }
  }

  private void runFirst(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String scope,
      String keyHash) throws IOException, ServletException {
    ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
    boolean kept = false;
    try {
      chain.doFilter(request, captured);
      int status = captured.getStatus();
      if (status >= 200 && status < 300) {
        keys.answered(scope, keyHash, status, captured.getContentType(),
            new String(captured.getContentAsByteArray(), StandardCharsets.UTF_8));
        kept = true;
      }
    } finally {
      if (!kept) {
        keys.release(scope, keyHash);
      }
      captured.copyBodyToResponse();
    }
  }

  private static void replay(HttpServletResponse response, IdempotencyKeys.Entry entry) throws IOException {
    response.setStatus(entry.status());
    response.setHeader(REPLAYED, "true");
    if (entry.contentType() != null) {
      response.setContentType(entry.contentType());
    }
    if (entry.body() != null) {
      response.getOutputStream().write(entry.body().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Engine REST's login has set the caller on the engine; the webapps keep theirs in the session. */
  private Optional<String> caller(HttpServletRequest request, String engineName) {
    Authentication current = identity.getCurrentAuthentication();
    if (current != null && current.getUserId() != null) {
      return Optional.of(current.getUserId());
    }
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    Authentications signedIn = AuthenticationUtil.getAuthsFromSession(session);
    org.camunda.bpm.webapp.impl.security.auth.Authentication user = signedIn == null ? null
        : signedIn.getAuthenticationForProcessEngine(engineName == null ? ProcessEngines.NAME_DEFAULT : engineName);
    return user == null ? Optional.empty() : Optional.of(user.getIdentityId());
  }

  /**
   * What makes two requests the same: method, path, query and body. A multipart body's boundary is
   * chosen anew by the client on every attempt, so it does not count.
   */
  private static String fingerprint(HttpServletRequest request, String path, byte[] body) {
    byte[] content = body;
    String contentType = request.getContentType();
    if (contentType != null) {
      Matcher boundary = BOUNDARY.matcher(contentType);
      if (boundary.find()) {
        content = new String(body, StandardCharsets.ISO_8859_1).replace(boundary.group(1), "")
            .getBytes(StandardCharsets.ISO_8859_1);
      }
    }
    String head = request.getMethod() + " " + path + "?" + (request.getQueryString() == null ? "" : request.getQueryString())
        + "\n";
    byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[headBytes.length + content.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(content, 0, all, headBytes.length, content.length);
    return sha256(all);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the first request with the same key", e);
    }
  }

  private static void answer(HttpServletResponse response, int status, String type, String message, String field)
      throws IOException {
    ObjectNode answer = JSON.createObjectNode().put("type", type).put("message", message);
    if (field != null && status == HttpServletResponse.SC_BAD_REQUEST) {
      answer.withArray("problems").addObject().put("field", field).put("message", message);
    }
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    JSON.writeValue(response.getOutputStream(), answer);
  }
}
