package dev.switchboard.analytics.reporting;

import dev.switchboard.platform.web.Caller;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** The analytics API: agents and admins only (the gateway checks it too). */
@RestController
class AnalyticsController {

    private final Reports reports;
    private final KnowledgeGaps knowledgeGaps;

    AnalyticsController(Reports reports, KnowledgeGaps knowledgeGaps) {
        this.reports = reports;
        this.knowledgeGaps = knowledgeGaps;
    }

    @GetMapping("/api/v1/analytics/overview")
    Mono<Overview> overview(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Caller caller) {
        caller.requireStaff("Analytics");
        return reports.overview(TimeRange.of(from, to, null));
    }

    @GetMapping("/api/v1/analytics/metrics")
    Mono<List<MetricsBucket>> metrics(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String interval,
            Caller caller) {
        caller.requireStaff("Analytics");
        return reports.metrics(TimeRange.of(from, to, interval));
    }

    @GetMapping("/api/v1/analytics/intents")
    Mono<IntentReport> intents(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String interval,
            Caller caller) {
        caller.requireStaff("Analytics");
        return reports.intents(TimeRange.of(from, to, interval));
    }

    @GetMapping("/api/v1/analytics/satisfaction")
    Mono<SatisfactionReport> satisfaction(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String interval,
            Caller caller) {
        caller.requireStaff("Analytics");
        return reports.satisfaction(TimeRange.of(from, to, interval));
    }

    /** account-service's actions by type and outcome. */
    @GetMapping("/api/v1/analytics/actions")
    Mono<ActionReport> actions(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Caller caller) {
        caller.requireStaff("Analytics");
        return reports.actions(TimeRange.of(from, to, null));
    }

    /** The questions nothing in the knowledge base answered, grouped by similarity and counted: for KB authors. */
    @GetMapping("/api/v1/analytics/knowledge-gaps")
    Mono<KnowledgeGapReport> knowledgeGaps(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "20") int limit,
            Caller caller) {
        caller.requireStaff("Analytics");
        if (limit < 1 || limit > KnowledgeGaps.MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "limit: must be between 1 and " + KnowledgeGaps.MAX_LIMIT);
        }
        return knowledgeGaps.report(TimeRange.of(from, to, null), limit);
    }
}
