package dev.switchboard.knowledge.answering;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When people staff the support desk, so an escalation can tell the customer what happens next.
 *
 * @param zone the desk's time zone (IANA id)
 * @param days the days it is open
 * @param open opening time, {@code HH:mm}
 * @param close closing time, {@code HH:mm}, after {@code open}; equal to it means around the clock
 */
@ConfigurationProperties("switchboard.support.hours")
record SupportHours(@DefaultValue("America/New_York") String zone,
        @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}) List<DayOfWeek> days,
        @DefaultValue("07:00") String open, @DefaultValue("23:00") String close) {

    SupportHours {
        // fail at start-up, naming the property, rather than on the first escalation
        try {
            ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("switchboard.support.hours.zone: not a time zone: " + zone);
        }
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("switchboard.support.hours.days: name at least one day");
        }
        if (LocalTime.parse(close).isBefore(LocalTime.parse(open))) {
            throw new IllegalArgumentException("switchboard.support.hours.close: must not be before open");
        }
    }

    boolean isOpen(Clock clock) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneId.of(zone)));
        LocalTime time = now.toLocalTime();
        return days.contains(now.getDayOfWeek()) && (aroundTheClock()
                || (!time.isBefore(LocalTime.parse(open)) && time.isBefore(LocalTime.parse(close))));
    }

    /** What the customer is told after the escalation's own text. */
    String whatHappensNext(Clock clock) {
        if (isOpen(clock)) {
            return "An agent will join shortly.";
        }
        return "Our team is available " + describe() + "; we've queued your request, and an agent will pick it up "
                + nextOpening(clock) + ".";
    }

    private boolean aroundTheClock() {
        return LocalTime.parse(open).equals(LocalTime.parse(close));
    }

    private String describe() {
        String hours = aroundTheClock() ? "around the clock" : open + "–" + close + " (" + zone + ")";
        return dayRange() + ", " + hours;
    }

    private String dayRange() {
        Set<DayOfWeek> set = EnumSet.copyOf(days);
        if (set.size() == 7) {
            return "every day";
        }
        List<DayOfWeek> sorted = set.stream().sorted().toList();
        boolean contiguous = sorted.get(sorted.size() - 1).getValue() - sorted.get(0).getValue() == sorted.size() - 1;
        if (contiguous && sorted.size() > 2) {
            return name(sorted.get(0)) + " to " + name(sorted.get(sorted.size() - 1));
        }
        return sorted.stream().map(SupportHours::name).collect(Collectors.joining(", "));
    }

    private String nextOpening(Clock clock) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneId.of(zone)));
        LocalTime opens = LocalTime.parse(open);
        for (int ahead = 0; ahead <= 7; ahead++) {
            ZonedDateTime day = now.plusDays(ahead);
            if (days.contains(day.getDayOfWeek()) && (ahead > 0 || now.toLocalTime().isBefore(opens))) {
                String when = ahead == 0 ? "today" : ahead == 1 ? "tomorrow" : "on " + name(day.getDayOfWeek());
                return when + " at " + open;
            }
        }
        return "when we open";
    }

    private static String name(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
