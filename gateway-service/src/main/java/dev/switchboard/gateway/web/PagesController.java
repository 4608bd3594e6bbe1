package dev.switchboard.gateway.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web pages: the chat at {@code /} and the operations dashboard at {@code /dashboard}. They are static files
 * (scripts and styles from {@code /static}, nothing from a CDN) that call the public API with a bearer token of
 * their own, so the pages themselves need no sign-in; the API decides what each role sees.
 */
// pages, not API: kept out of the OpenAPI document
@Hidden
@RestController
class PagesController {

    /**
     * Only this origin's scripts, styles and connections. The pages never parse server text as HTML; this keeps an
     * injected script from running, or from sending anything anywhere, should that ever slip.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private static final Resource CHAT = new ClassPathResource("static/index.html");
    private static final Resource DASHBOARD = new ClassPathResource("static/dashboard.html");

    @GetMapping("/")
    ResponseEntity<Resource> chat() {
        return page(CHAT);
    }

    @GetMapping("/dashboard")
    ResponseEntity<Resource> dashboard() {
        return page(DASHBOARD);
    }

    private static ResponseEntity<Resource> page(Resource html) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY).body(html);
    }
}
