package org.trustedresearch.cases.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the OpenAPI description of the project's own API (/api/docs) says about itself. */
@Configuration
class ApiDocumentation {

  @Bean
  OpenAPI trustedResearchApi() {
    return new OpenAPI()
        .info(new Info().title("Trusted Research Cases API")
            .description("The project's own API beside Camunda's engine REST API (/engine-rest). Every call needs "
                + "HTTP Basic with an account of the engine's identity service, except anonymous incident reports.")
            .version("1"))
        .components(new Components().addSecuritySchemes("basic",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }
}
