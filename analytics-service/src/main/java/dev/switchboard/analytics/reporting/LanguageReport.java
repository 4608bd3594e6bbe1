package dev.switchboard.analytics.reporting;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/analytics/languages}: the languages customers wrote in over a range, as intent-service read
 * them (a message not in English gets the language reply instead of an answer).
 *
 * @param total every classified message of the range
 * @param notEnglish those read as another language than English
 * @param languages one count per language that occurred (ISO 639-1 code), most frequent first
 */
record LanguageReport(Instant from, Instant to, long total, long notEnglish, List<LanguageCount> languages) {

    static final String ENGLISH = "en";

    static LanguageReport of(TimeRange range, List<LanguageCount> languages) {
        return new LanguageReport(range.from(), range.to(), languages.stream().mapToLong(LanguageCount::count).sum(),
                languages.stream().filter(l -> !ENGLISH.equals(l.language())).mapToLong(LanguageCount::count).sum(),
                languages);
    }

    /** @param share of the range's classified messages */
    record LanguageCount(String language, long count, double share) {

        static LanguageCount of(Readable row) {
            return new LanguageCount(row.get("language", String.class), row.get("count", Long.class),
                    row.get("share", Double.class));
        }
    }
}
