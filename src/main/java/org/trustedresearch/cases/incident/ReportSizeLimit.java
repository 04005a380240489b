package org.trustedresearch.cases.incident;

import java.io.IOException;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reports are read at most {@value #MAX_BYTES} bytes far, before anything parses them: a declared
 * larger body is refused at once, and a body that turns out larger (sent in chunks) stops being read
 * there and is refused as unreadable. The anonymous endpoint takes requests from anyone.
 */
@Configuration
class ReportSizeLimit {

  /** A description is at most 10,000 characters; a report as JSON fits well within this. */
  static final int MAX_BYTES = 64 * 1024;

  @Bean
  FilterRegistrationBean<Filter> reportSizeLimitFilter() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(ReportSizeLimit::limit);
    registration.setName("trustedResearchReportSizeLimit");
    registration.addUrlPatterns("/api/incidents", "/api/incidents/anonymous");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  private static void limit(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getContentLengthLong() > MAX_BYTES) {
      HttpServletResponse refused = (HttpServletResponse) response;
      refused.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      refused.setContentType("application/json");
      refused.getWriter().write("{\"type\":\"InvalidCaseInput\",\"message\":\"description: the report is too large\","
          + "\"problems\":[{\"field\":\"description\",\"message\":\"the report is too large; describe the incident "
          + "in at most 10,000 characters\"}]}");
      return;
    }
    chain.doFilter(new Capped((HttpServletRequest) request), response);
  }

  /** The request with a body that ends in an error after {@value #MAX_BYTES} bytes. */
  private static final class Capped extends HttpServletRequestWrapper {

    private ServletInputStream capped;

    Capped(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (capped == null) {
        ServletInputStream body = super.getInputStream();
        capped = new ServletInputStream() {
          private int read;

          @Override
          public int read() throws IOException {
            int next = body.read();
            if (next >= 0 && ++read > MAX_BYTES) {
              throw new IOException("The report is larger than " + MAX_BYTES + " bytes");
            }
            return next;
          }

          @Override
          public boolean isFinished() {
            return body.isFinished();
          }

          @Override
          public boolean isReady() {
            return body.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
          }
        };
      }
      return capped;
    }
  }
}
