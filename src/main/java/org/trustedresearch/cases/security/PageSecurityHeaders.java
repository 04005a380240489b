package org.trustedresearch.cases.security;

import java.io.IOException;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Browser protections for the project's own pages and the APIs: no scripts, styles or frames from
 * elsewhere, no framing, no content sniffing, no referrer, and API answers that no cache keeps. The
 * webapps (Tasklist, Cockpit, Admin) send their own Content-Security-Policy, which their scripts
 * need as it is; they get the frame and referrer rules here.
 */
@Configuration
class PageSecurityHeaders {

  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; frame-ancestors 'none'; "
      + "base-uri 'self'; form-action 'self'";
  /** The API's documentation page (Swagger UI) also styles elements inline and draws icons from data: URLs. */
  static final String API_DOCS_POLICY = CONTENT_SECURITY_POLICY + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:";
  static final String API_DOCS = "/api/swagger-ui/";

  @Bean
  FilterRegistrationBean<Filter> pageSecurityHeadersFilter() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(PageSecurityHeaders::addHeaders);
    registration.setName("trustedResearchPageSecurityHeaders");
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/mou/*", "/report/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<Filter> webappFrameHeadersFilter() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
      HttpServletResponse http = (HttpServletResponse) response;
      http.setHeader("X-Frame-Options", "DENY");
      http.setHeader("Referrer-Policy", "same-origin");
      chain.doFilter(request, response);
    });
    registration.setName("trustedResearchWebappFrameHeaders");
    registration.addUrlPatterns("/camunda/*", "/");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  private static void addHeaders(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletResponse http = (HttpServletResponse) response;
    String path = request instanceof jakarta.servlet.http.HttpServletRequest servlet ? servlet.getServletPath() : "";
    http.setHeader("Content-Security-Policy", path.startsWith(API_DOCS) ? API_DOCS_POLICY : CONTENT_SECURITY_POLICY);
    http.setHeader("X-Content-Type-Options", "nosniff");
    http.setHeader("X-Frame-Options", "DENY");
    http.setHeader("Referrer-Policy", "no-referrer");
    if (!path.startsWith("/mou/") && !path.startsWith("/report/")) {
      http.setHeader("Cache-Control", "no-store");
    }
    chain.doFilter(request, response);
  }
}
