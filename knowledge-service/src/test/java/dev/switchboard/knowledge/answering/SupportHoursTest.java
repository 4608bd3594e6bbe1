package dev.switchboard.knowledge.answering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupportHoursTest {

    // weekdays 08:00–20:00 in New York; 2026-12-01 is a Tuesday, and New York is UTC-5 in December
    private final SupportHours weekdays = new SupportHours("America/New_York", List.of(DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), "08:00", "20:00");

    @Test
    void duringOpeningHoursAnAgentJoinsShortly() {
        Clock tuesdayNoon = at("2026-12-01T17:00:00Z");

        assertThat(weekdays.isOpen(tuesdayNoon)).isTrue();
        assertThat(weekdays.whatHappensNext(tuesdayNoon)).isEqualTo("An agent will join shortly.");
    }

    @Test
    void afterClosingTheRequestIsQueuedUntilTheNextOpening() {
        Clock tuesdayNight = at("2026-12-02T02:00:00Z"); // 21:00 Tuesday in New York

        assertThat(weekdays.isOpen(tuesdayNight)).isFalse();
        assertThat(weekdays.whatHappensNext(tuesdayNight)).isEqualTo("Our team is available Monday to Friday, "
                + "08:00–20:00 (America/New_York); we've queued your request, and an agent will pick it up tomorrow "
                + "at 08:00.");
    }

    @Test
    void beforeOpeningItIsTodayAndOnAWeekendItIsTheNextWorkingDay() {
        assertThat(weekdays.whatHappensNext(at("2026-12-01T12:00:00Z"))).endsWith("pick it up today at 08:00.");
        assertThat(weekdays.whatHappensNext(at("2026-12-05T15:00:00Z"))) // Saturday 10:00
                .endsWith("pick it up on Monday at 08:00.");
    }

    @Test
    void equalOpenAndCloseIsAroundTheClockAndBadSettingsFailAtStartUp() {
        SupportHours always = new SupportHours("UTC", List.of(DayOfWeek.values()), "00:00", "00:00");
        assertThat(always.isOpen(at("2026-12-06T03:00:00Z"))).isTrue();

        assertThatThrownBy(() -> new SupportHours("Mars/Olympus", List.of(DayOfWeek.MONDAY), "08:00", "20:00"))
                .hasMessageContaining("switchboard.support.hours.zone");
        assertThatThrownBy(() -> new SupportHours("UTC", List.of(DayOfWeek.MONDAY), "20:00", "08:00"))
                .hasMessageContaining("switchboard.support.hours.close");
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }
}
