package org.trustedresearch.cases.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.trustedresearch.cases.directory.AccessRules;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * HTTP Basic against the engine's identity service for the engine REST API and the project's own
 * API. The engine throttles repeated failed logins. The webapps keep their own session login, and
 * the project's own pages (the agreement page) call {@code /api} within it: a request without
 * credentials is accepted as the user signed in to the webapps in this browser session, and one that
 * changes something must also carry the webapps' CSRF token.
 */
@Configuration
class RestAuthentication {

  static final String[] PROTECTED_PATHS = {"/engine-rest/*", "/api/*", "/actuator", "/actuator/*"};
  static final String METRICS = "/actuator/prometheus";
  /** The only actuator endpoint open without a login: a load balancer's liveness check. */
  static final String HEALTH = "/actuator/health";

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthenticationFilter(ProcessEngine engine) {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new EveryRequestAuthenticated(engine.getName()));
    registration.setName("trustedResearchRestAuthentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns(PROTECTED_PATHS);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<jakarta.servlet.Filter> metricsAccessFilter(IdentityService identityService) {
    FilterRegistrationBean<jakarta.servlet.Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
      if (!AccessRules.readsApplicationMetrics(identityService.getCurrentAuthentication())) {
        ((HttpServletResponse) response).sendError(HttpServletResponse.SC_FORBIDDEN);
        return;
      }
      chain.doFilter(request, response);
    });
    registration.setName("trustedResearchMetricsAccess");
    registration.addUrlPatterns(METRICS);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** Camunda's filter lets {@code GET /engine} through unauthenticated; here nothing passes without a login. */
  static class EveryRequestAuthenticated extends ProcessEngineAuthenticationFilter {

    static final String API = "/api/";
    /** Anonymous incident reports (and the health check): no login, and any credentials sent along are ignored, not checked. */
    static final String ANONYMOUS = "/api/incidents/anonymous";
    static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final String applicationEngine;

    EveryRequestAuthenticated(String applicationEngine) {
      this.applicationEngine = applicationEngine;
    }

    /**
     * Camunda's filter reads the engine's name from the path within engine REST, and takes "default"
     * where there is none. What the application serves itself (its API, the actuator: no path within a
     * servlet of their own) works on the application's engine, whatever that is named.
     */
    @Override
    protected String extractEngineName(String requestUrl) {
      return requestUrl.isEmpty() ? applicationEngine : super.extractEngineName(requestUrl);
    }

    @Override
    protected boolean requiresEngineAuthentication(String requestUrl) {
      return true;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest http = (HttpServletRequest) request;
      // as the container resolved it (decoded, normalised, without path parameters), not as sent
      String path = http.getServletPath() + (http.getPathInfo() == null ? "" : http.getPathInfo());
      if (open(path)) {
        chain.doFilter(request, response);
        return;
      }
      if (http.getHeader(HttpHeaders.AUTHORIZATION) != null || !path.startsWith(API)) {
        super.doFilter(request, response, chain);
        return;
      }
      ProcessEngine engine = getAddressedEngine(applicationEngine);
      UserAuthentication signedIn = webappUser(http, engine == null ? null : engine.getName());
      if (signedIn == null) {
        super.doFilter(request, response, chain);
        return;
      }
      if (!SAFE_METHODS.contains(http.getMethod()) && !carriesCsrfToken(http)) {
        HttpServletResponse refused = (HttpServletResponse) response;
        refused.setStatus(HttpServletResponse.SC_FORBIDDEN);
        refused.setContentType("application/json");
        refused.getWriter().write("{\"type\":\"CsrfTokenMissing\",\"message\":\"Send the X-XSRF-TOKEN header of "
            + "your Tasklist session with every change\"}");
        return;
      }
      // the page reads the token from its own reads (same origin only) and sends it with its changes
      Object token = http.getSession().getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
      if (token != null) {
        ((HttpServletResponse) response).setHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME, token.toString());
      }
      setAuthenticatedUser(engine, signedIn.getIdentityId(), signedIn.getGroupIds(), signedIn.getTenantIds());
      try {
        chain.doFilter(request, response);
      } finally {
        clearAuthentication(engine);
      }
    }

    /** A path taken without a login, where credentials sent along are not checked. */
    static boolean open(String path) {
      return path.equals(ANONYMOUS) || path.startsWith(ANONYMOUS + "/") || path.equals(HEALTH) || path.startsWith(HEALTH + "/");
    }

    /** Who is signed in to the webapps in this browser session for that engine, if anyone. */
    static UserAuthentication webappUser(HttpServletRequest request, String engineName) {
      HttpSession session = request.getSession(false);
      if (session == null || engineName == null) {
        return null;
      }
      Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
      Authentication authentication = authentications == null ? null
          : authentications.getAuthenticationForProcessEngine(engineName);
      return authentication instanceof UserAuthentication user ? user : null;
    }

    private static boolean carriesCsrfToken(HttpServletRequest request) {
      Object expected = request.getSession().getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
      String given = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
      return expected != null && given != null && MessageDigest.isEqual(
          expected.toString().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
  }
}
