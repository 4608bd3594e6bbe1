package dev.switchboard.gateway.security;

import static org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers.pathMatchers;

import dev.switchboard.platform.security.InternalAuthProperties;
import dev.switchboard.platform.security.InternalTokens;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, JsonMapper json,
            ManagementPort managementPort,
            @Value("${switchboard.gateway.cors-allowed-origins:}") List<String> corsOrigins) {
        ProblemResponses problems = new ProblemResponses(json);
        JwtAuthenticationConverter jwtConverter = new JwtAuthenticationConverter();
        jwtConverter.setJwtGrantedAuthoritiesConverter(Roles::authorities);
        return http
                // bearer tokens only, no cookies or sessions: nothing for CSRF to ride on
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                // nor a web session to keep the security context or a saved request in: looking one up made every
                // request create a session, on two other threads (its id comes from SecureRandom)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .cors(cors -> cors.configurationSource(cors(corsOrigins)))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .authorizeExchange(paths -> paths
                        .pathMatchers(HttpMethod.POST, "/api/v1/auth/token").permitAll()
                        .pathMatchers("/api/v1/health").permitAll()
                        // the same chain guards the management port (its server takes the application's web filters),
                        // which serves the actuator only: there the probes' health and the scraper's Prometheus are open
                        .matchers(new AndServerWebExchangeMatcher(pathMatchers("/actuator/health",
                                "/actuator/health/**", "/actuator/prometheus"), managementPort)).permitAll()
                        // the services check the role too; the edge refuses early
                        .pathMatchers("/api/v1/knowledge/admin/**", "/api/v1/analytics/admin/**",
                                "/api/v1/account/admin/**").hasRole(Roles.ADMIN)
                        .pathMatchers("/api/v1/analytics/**").hasAnyRole(Roles.AGENT, Roles.ADMIN)
                        .pathMatchers("/api/**").authenticated()
                        // the gateway's Prometheus text on the public port; the rest of the actuator anywhere
                        .pathMatchers("/metrics", "/actuator/**").hasRole(Roles.ADMIN)
                        .anyExchange().permitAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(
                                new ReactiveJwtAuthenticationConverterAdapter(jwtConverter)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    @Bean
    ManagementPort managementPort() {
        return new ManagementPort();
    }

    /** The internal tokens of routed calls, signed with the gateway's private key (the services hold its public key). */
    @Bean
    InternalTokens internalTokens(@Value("${spring.application.name}") String serviceName,
            InternalAuthProperties properties) {
        return InternalTokens.of(serviceName, properties);
    }

    /** Browsers on other origins may call the API only when CORS_ALLOWED_ORIGINS names them. */
    private static CorsConfigurationSource cors(List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList());
        cors.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        cors.setExposedHeaders(List.of("Retry-After", "X-RateLimit-Remaining"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
