package dev.switchboard.gateway.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * What the gateway answers, as method and path pattern: its controllers, router functions and URL mappings (the
 * WebSocket, static files), and the paths of its routes to the services. A security matrix lists calls; a route none
 * of them reaches is uncovered.
 */
final class GatewayRoutes {

    /** Any method: a mapping that names none, or a route to a service. */
    private static final String ANY = "*";
    /** How a router function's {@code POST(path)} predicate prints itself (within others, such as an Accept). */
    private static final Pattern METHOD_AND_PATH = Pattern.compile("\\((\\w+) && (/\\S*)\\)");

    private record Route(String method, String pattern) {

        boolean covers(String call) {
            String method = call.substring(0, call.indexOf(' '));
            String path = call.substring(call.indexOf(' ') + 1).replaceFirst("\\?.*", "");
            return (this.method.equals(ANY) || this.method.equals(method))
                    && PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(path));
        }
    }

    private GatewayRoutes() {
    }

    /** The routes of {@code context} that none of {@code calls} ("GET /path?query") reaches. */
    static List<String> uncovered(ApplicationContext context, List<String> calls) {
        return routes(context).stream().filter(route -> calls.stream().noneMatch(route::covers))
                .map(route -> route.method() + " " + route.pattern()).distinct().sorted().toList();
    }

    private static List<Route> routes(ApplicationContext context) {
        List<Route> routes = new ArrayList<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping -> mapping
                .getHandlerMethods().keySet().forEach(info -> info.getPatternsCondition().getPatterns()
                        .forEach(pattern -> {
                            if (info.getMethodsCondition().getMethods().isEmpty()) {
                                routes.add(new Route(ANY, pattern.getPatternString()));
                            }
                            info.getMethodsCondition().getMethods().forEach(
                                    method -> routes.add(new Route(method.name(), pattern.getPatternString())));
                        })));
        context.getBeansOfType(SimpleUrlHandlerMapping.class).values()
                .forEach(mapping -> mapping.getUrlMap().keySet().forEach(path -> routes.add(new Route("GET", path))));
        context.getBeansOfType(RouterFunctionMapping.class).values().stream()
                .map(RouterFunctionMapping::getRouterFunction).filter(Objects::nonNull)
                .forEach(functions -> functions.accept(new RouterFunctionRoutes(routes)));
        context.getBean(RouteDefinitionLocator.class).getRouteDefinitions().toIterable().forEach(definition ->
                definition.getPredicates().stream().filter(predicate -> predicate.getName().equals("Path"))
                        .flatMap(predicate -> predicate.getArgs().values().stream())
                        .flatMap(paths -> List.of(paths.split(",")).stream())
                        .forEach(path -> routes.add(new Route(ANY, path.strip()))));
        return routes;
    }

    private record RouterFunctionRoutes(List<Route> routes) implements RouterFunctions.Visitor {

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
            Matcher matcher = METHOD_AND_PATH.matcher(predicate.toString());
            // a predicate of another shape is listed as it prints, so that no row can cover it unnoticed
            routes.add(matcher.find() ? new Route(matcher.group(1), matcher.group(2))
                    : new Route(predicate.toString(), "/"));
        }

        @Override
        public void startNested(RequestPredicate predicate) {
        }

        @Override
        public void endNested(RequestPredicate predicate) {
        }

        @Override
        public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
            routes.add(new Route(routerFunction.toString(), "/"));
        }
    }
}
