package org.trustedresearch.cases;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TrustedResearchCasesApplication {

  public static void main(String[] args) {
    SpringApplication.run(TrustedResearchCasesApplication.class, args);
  }
}
