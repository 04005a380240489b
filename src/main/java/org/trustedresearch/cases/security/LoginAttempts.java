package org.trustedresearch.cases.security;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.trustedresearch.cases.shared.BufferedBody;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Puts both ways of signing in behind the {@link LoginThrottle}: HTTP Basic on engine REST, the
 * project's API and the actuator, and the webapps' login form. An address that must wait gets 429
 * with {@code Retry-After} (seconds) and its password is not checked, so waiting is all a guesser
 * can do; a wrong password is the login's own 401.
 */
@Configuration
class LoginAttempts {

  /** The webapps' login: {@code POST .../auth/user/{engine}/login/{app}} with {@code username} and {@code password}. */
  static final String WEBAPP_AUTH = "/camunda/api/admin/auth/user/*";
  static final String WEBAPP_LOGIN = "/login/";
  /** The login form is a few fields; anything much larger is not one. */
  static final int MAX_LOGIN_FORM_BYTES = 8 * 1024;

  private final LoginThrottle throttle;

  LoginAttempts(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Bean
  FilterRegistrationBean<jakarta.servlet.Filter> loginThrottleFilter() {
    FilterRegistrationBean<jakarta.servlet.Filter> registration = new FilterRegistrationBean<>(this::filter);
    registration.setName("trustedResearchLoginThrottle");
    registration.addUrlPatterns(RestAuthentication.PROTECTED_PATHS);
    registration.addUrlPatterns(WEBAPP_AUTH);
    // before the logins themselves (RestAuthentication's filter, the webapps' own)
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  void filter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) servletRequest;
    HttpServletResponse response = (HttpServletResponse) servletResponse;
    // as the container resolved it (decoded, without path parameters), which is what the login's routing sees
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    boolean webappLogin = "POST".equals(request.getMethod()) && path.startsWith(WEBAPP_AUTH.replace("*", ""))
        && path.contains(WEBAPP_LOGIN);
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    boolean basicLogin = !webappLogin && authorization != null && !RestAuthentication.EveryRequestAuthenticated.open(path)
        && !path.startsWith(WEBAPP_AUTH.replace("*", ""));
    if (!webappLogin && !basicLogin) {
      chain.doFilter(request, response);
      return;
    }
    if (webappLogin) {
      byte[] form = request.getInputStream().readNBytes(MAX_LOGIN_FORM_BYTES + 1);
      if (form.length > MAX_LOGIN_FORM_BYTES) {
        response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        return;
      }
      request = new BufferedBody(request, form);
    }
    String user = webappLogin ? formField(request, "username") : basicUser(authorization);
    String address = clientAddress(request);
    LoginThrottle.Attempt attempt = throttle.attempt(address, user);
    Optional<Duration> wait = attempt.mustWait();
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      response.setStatus(429);
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
      response.setContentType("application/json");
      response.getWriter().write("{\"type\":\"TooManyLoginAttempts\",\"message\":\"Too many failed logins from "
          + "your address; try again in " + seconds + " seconds\"}");
      return;
    }
    chain.doFilter(request, response);
    int status = response.getStatus();
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      throttle.failed(attempt);
    } else if (webappLogin ? status == HttpServletResponse.SC_OK : status < 500) {
      // the webapps answer 403 both to a refused CSRF token (password unchecked) and to a user without the app
      throttle.succeeded(attempt);
    }
  }

  /**
   * Where the attempt comes from: the direct peer. Where a reverse proxy the application trusts
   * (explicitly configured) names the client, that address belongs here instead.
   */
  static String clientAddress(HttpServletRequest request) {
    return request.getRemoteAddr();
  }

  /** The user id of an HTTP Basic header; empty if it has none or is malformed (still counted for the address). */
  static String basicUser(String authorization) {
    if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return "";
    }
    try {
      String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = credentials.indexOf(':');
      return colon < 0 ? "" : credentials.substring(0, colon);
    } catch (IllegalArgumentException notBase64) {
      return "";
    }
  }

  /** A field of the urlencoded login form, read from the buffered body so that the login still reads it. */
  private static String formField(HttpServletRequest request, String name) throws IOException {
    String form = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    for (String pair : form.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      try {
        if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
          return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        }
      } catch (IllegalArgumentException malformed) {
        return "";
      }
    }
    return "";
  }
}
