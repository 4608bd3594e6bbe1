package dev.switchboard.platform.security;

import dev.switchboard.platform.web.Caller;
import dev.switchboard.platform.web.ProblemJson;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service behind the gateway authenticates each request by its internal token ({@link InternalIdentity}) and
 * nothing else: a header a caller could forge counts for nothing. Health, info and Prometheus stay open for probes
 * and the scraper; {@code /internal/**} is for the services named in {@code switchboard.internal-auth.internal-callers};
 * every other path needs a customer, agent or admin that the gateway vouches for. The gateway, the edge, has its own
 * chain for the customers' tokens.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(InternalAuthProperties.class)
public class InternalAuthAutoConfiguration {

    static {
        // resolved from the token, not from the request: not a parameter of the API
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    /**
     * No observation per security filter, authentication and authorization: they wrap every filter of every request
     * and were a large part of the gateway's CPU at 200 requests a second (async-profiler, 2026-12-02), while the HTTP
     * server's own observation already times the request and carries its trace. (The
     * {@code management.observations.enable.spring.security} switch only makes those observations no-ops; the
     * wrapping stays.)
     */
    @Bean
    @ConditionalOnMissingBean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    WebFluxConfigurer callerArguments() {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new CallerArgumentResolver());
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    static class ServiceSecurity {

        @Bean
        @ConditionalOnMissingBean
        ReactiveJwtDecoder internalTokenDecoder(@Value("${spring.application.name}") String serviceName,
                InternalAuthProperties properties) {
            return InternalIdentity.decoder(serviceName, properties);
        }

        @Bean
        SecurityWebFilterChain internalSecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
                InternalAuthProperties properties, JsonMapper json) {
            String[] internalCallers = properties.internalCallers().stream()
                    .map(service -> InternalIdentity.SERVICE_PREFIX + service).toArray(String[]::new);
            return http
                    // bearer tokens only, no cookies or sessions
                    .csrf(ServerHttpSecurity.CsrfSpec::disable)
                    .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                    .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                    .logout(ServerHttpSecurity.LogoutSpec::disable)
                    .authorizeExchange(paths -> {
                        paths.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll();
                        // the rest of the actuator (metrics, env...) is for no caller: the scraper has prometheus
                        paths.pathMatchers("/actuator/**").denyAll();
                        if (internalCallers.length > 0) {
                            paths.pathMatchers("/internal/**").hasAnyAuthority(internalCallers);
                        } else {
                            paths.pathMatchers("/internal/**").denyAll();
                        }
                        // any caller with a token may read the API documents; the gateway reads them as itself
                        paths.pathMatchers("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**").authenticated();
                        paths.anyExchange().hasAnyRole(Caller.CUSTOMER, Caller.AGENT, Caller.ADMIN);
                    })
                    .oauth2ResourceServer(server -> server
                            .jwt(jwt -> jwt.jwtDecoder(decoder)
                                    .jwtAuthenticationConverter(InternalIdentity::authentication))
                            .authenticationEntryPoint(unauthorized(json))
                            .accessDeniedHandler(forbidden(json)))
                    .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized(json))
                            .accessDeniedHandler(forbidden(json)))
                    .build();
        }

        private static ServerAuthenticationEntryPoint unauthorized(JsonMapper json) {
            return (exchange, e) -> {
                exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
                String reason = e.getMessage() == null || e.getMessage().startsWith("Not Authenticated")
                        ? "no token" : e.getMessage();
                return ProblemJson.write(exchange, json, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                        "A token signed by the gateway is required; call this service through the gateway ("
                                + reason + ")"));
            };
        }

        private static ServerAccessDeniedHandler forbidden(JsonMapper json) {
            return (exchange, e) -> ProblemJson.write(exchange, json, ProblemDetail.forStatusAndDetail(
                    HttpStatus.FORBIDDEN, "The caller may not " + exchange.getRequest().getMethod() + " "
                            + exchange.getRequest().getPath()));
        }
    }
}
