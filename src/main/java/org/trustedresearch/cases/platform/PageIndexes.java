package org.trustedresearch.cases.platform;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The project's pages answer at their folder's address too: {@code /report/} is {@code /report/index.html}. */
@Configuration
class PageIndexes implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    for (String page : new String[] {"/report/", "/mou/"}) {
      registry.addViewController(page).setViewName("forward:" + page + "index.html");
    }
  }
}
