package dev.switchboard.gateway.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The whole public API's OpenAPI document at {@code /v3/api-docs}, browsable at {@code /swagger-ui.html}: the gateway's
 * own endpoints plus the public paths of every service it routes to, read from their documents.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /** Set by the gateway from the token; a client cannot send them, so they are not part of the public API. */
    private static final String DESCRIPTION = "Chat with the support assistant over REST or WebSocket "
            + "(/api/v1/chat/ws). Get a token from POST /api/v1/auth/token and send it as a bearer token.";

    @Bean
    OpenAPI switchboardApi() {
        return new OpenAPI()
                .info(new Info().title("Switchboard API").version("v1")
                        .description(DESCRIPTION)
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    OpenApiCustomizer routedServicesApi(ServiceApiDocs services) {
        return api -> {
            Paths paths = api.getPaths() == null ? new Paths() : api.getPaths();
            api.setPaths(paths);
            for (Map.Entry<String, OpenAPI> service : services.documents().entrySet()) {
                OpenAPI document = service.getValue();
                if (document.getPaths() != null) {
                    document.getPaths().forEach((path, item) -> {
                        if (!path.startsWith("/api/")) {
                            return;
                        }
                        PathItem own = paths.get(path);
                        if (own == null) {
                            paths.addPathItem(path, publicView(item, service.getKey()));
                        } else {
                            // the gateway answers some methods of a routed path itself (POST of a new conversation)
                            item.readOperationsMap().forEach((method, operation) -> {
                                if (!own.readOperationsMap().containsKey(method)) {
                                    operation.addExtension("x-served-by", service.getKey());
                                    own.operation(method, operation);
                                }
                            });
                        }
                    });
                }
                if (document.getComponents() != null && document.getComponents().getSchemas() != null) {
                    document.getComponents().getSchemas().forEach((name, schema) -> {
                        if (api.getComponents().getSchemas() == null
                                || !api.getComponents().getSchemas().containsKey(name)) {
                            api.getComponents().addSchemas(name, schema);
                        }
                    });
                }
            }
            Map<String, String> missing = services.missing();
            api.getInfo().addExtension("x-missing-services", missing);
            if (!missing.isEmpty()) {
                api.getInfo().setDescription(DESCRIPTION
                        + " Not included, their documents could not be read: " + missing.entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", ")) + ".");
            }
        };
    }

    private static PathItem publicView(PathItem item, String service) {
        item.addExtension("x-served-by", service);
        return item;
    }
}
