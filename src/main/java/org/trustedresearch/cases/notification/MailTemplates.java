package org.trustedresearch.cases.notification;

import java.util.Locale;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Renders e-mails from Thymeleaf templates: {@code <name>.txt} (plain text, whose first line is
 * {@code Subject: ...}) and {@code <name>.html}, which escapes every value it shows. The templates
 * are files the institution can replace; no e-mail text is written in Java.
 */
@Component
class MailTemplates {

  /** A rendered e-mail. */
  record Rendered(String subject, String text, String html) {
  }

  private static final String SUBJECT = "Subject:";

  private final SpringTemplateEngine text = new SpringTemplateEngine();
  private final SpringTemplateEngine html = new SpringTemplateEngine();

  MailTemplates(NotificationProperties properties, ApplicationContext resources) {
    text.setTemplateResolver(resolver(properties.templates(), ".txt", TemplateMode.TEXT, resources));
    html.setTemplateResolver(resolver(properties.templates(), ".html", TemplateMode.HTML, resources));
  }

  Rendered render(String template, Map<String, Object> model) {
    Context context = new Context(Locale.UK, model);
    String plain = text.process(template, context).strip();
    if (!plain.startsWith(SUBJECT)) {
      throw new IllegalStateException("Template " + template + ".txt must begin with a 'Subject:' line");
    }
    int endOfSubject = plain.indexOf('\n');
    String subject = (endOfSubject < 0 ? plain : plain.substring(0, endOfSubject)).substring(SUBJECT.length()).strip();
    String body = endOfSubject < 0 ? "" : plain.substring(endOfSubject + 1).strip() + "\n";
    return new Rendered(subject.replaceAll("[\\r\\n]+", " "), body, html.process(template, context));
  }

  private static SpringResourceTemplateResolver resolver(String location, String suffix, TemplateMode mode,
      ApplicationContext resources) {
    SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
    resolver.setApplicationContext(resources);
    resolver.setPrefix(location.endsWith("/") ? location : location + "/");
    resolver.setSuffix(suffix);
    resolver.setTemplateMode(mode);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    return resolver;
  }
}
