package dev.switchboard.account.flow;

import static dev.switchboard.account.flow.Steps.CONFIRM;
import static dev.switchboard.account.flow.Steps.DECLINE;
import static dev.switchboard.account.flow.Steps.again;
import static dev.switchboard.account.flow.Steps.ask;
import static dev.switchboard.account.flow.Steps.end;
import static dev.switchboard.account.flow.Steps.match;
import static dev.switchboard.account.flow.Steps.requestId;

import dev.switchboard.account.AccountProperties;
import dev.switchboard.account.actions.AccountTools;
import dev.switchboard.account.actions.AccountViews.AreaOutage;
import dev.switchboard.account.actions.AccountViews.TechnicianAppointment;
import dev.switchboard.account.actions.AccountViews.TechnicianRequest;
import dev.switchboard.account.actions.ActionRefusedException;
import dev.switchboard.account.flow.Check.Option;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The guided flow for home internet that does not work, offline: an outage in the customer's area first (a
 * technician cannot fix it, so none is booked: the policy's rule), and without one a technician visit in one of the
 * next slots, booked once the customer confirms it. Through {@link AccountTools} as the signed-in customer.
 */
@Component
class HomeInternet extends AccountFlow {

    static final String NAME = "home-internet";

    /** The visit's reason, the same in the quote and the confirmed booking (the quote's terms). */
    static final String REASON = "Home internet not working; no outage in the area";
    /** The slots offered: tomorrow morning and afternoon, and the morning after (technicians work 08:00-17:00). */
    private static final List<LocalTime> HOURS = List.of(LocalTime.of(9, 0), LocalTime.of(14, 0));
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final Clock businessClock;

    HomeInternet(AccountTools tools, AccountProperties properties) {
        super(NAME, tools);
        this.businessClock = properties.businessClock();
    }

    @Override
    public Mono<Step> start(Turn turn) {
        return forCustomer(turn, "your service", state -> outages(turn, state));
    }

    @Override
    public Mono<Step> next(Turn turn, FlowState state) {
        return switch (state.step()) {
            case "slot" -> {
                List<Option> slots = slots();
                yield match(turn, slots).map(slot -> slot == DECLINE
                                ? end(state, "All right, nothing was booked.", null) : quote(turn, state, slot))
                        .orElseGet(() -> Mono.just(again(state, "Which time suits you?", slots)));
            }
            case "confirm:technician" -> Steps.yesOrNo(turn, state, List.of(CONFIRM, DECLINE),
                    "Shall I book the visit?", () -> book(turn, state),
                    () -> end(state, "All right, nothing was booked.", null));
            default -> throw new IllegalStateException("unknown step " + state.step());
        };
    }

    /** An outage in the area ends the flow with what is known of it; without one, the visit's slots are offered. */
    private Mono<Step> outages(Turn turn, FlowState state) {
        return tools.outages(turn.caller(), null, state.customerId()).flatMap(outages -> {
            if (!outages.isEmpty()) {
                return end(state, outageText(outages.get(0)), null);
            }
            return tools.appointments(turn.caller(), null, state.customerId()).map(appointments -> ask(
                    state.at("slot"), "There is no outage in your area, so a technician can look at your connection "
                            + "at home, at no cost." + booked(appointments) + " Which time suits you?", slots()));
        });
    }

    private String outageText(AreaOutage outage) {
        return "There is an outage in your area (" + outage.zipCode() + "): " + outage.description() + ". It started "
                + when(outage.startedAt()) + (outage.expectedEnd() == null ? ""
                        : " and should be fixed by " + when(outage.expectedEnd())) + ". Your internet comes back "
                + "when it is fixed; a technician visit cannot fix it, so I have not booked one.";
    }

    private String booked(List<TechnicianAppointment> appointments) {
        Instant now = businessClock.instant();
        return appointments.stream().filter(a -> "booked".equals(a.status()) && a.startsAt().isAfter(now))
                .findFirst().map(a -> " You already have a visit on " + when(a.startsAt()) + " (" + a.reason() + ").")
                .orElse("");
    }

    private String when(Instant instant) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, businessClock.getZone());
        return DAY.format(local) + " at " + HOUR.format(local);
    }

    /** The next slots ({@code slot:<local date-time>}) and declining. */
    private List<Option> slots() {
        LocalDate tomorrow = LocalDate.now(businessClock).plusDays(1);
        return Stream.concat(Stream.of(tomorrow.atTime(HOURS.get(0)), tomorrow.atTime(HOURS.get(1)),
                                tomorrow.plusDays(1).atTime(HOURS.get(0)))
                        .map(slot -> new Option("slot:" + slot, DAY.format(slot) + " at " + HOUR.format(slot))),
                Stream.of(DECLINE)).toList();
    }

    private Instant startsAt(String slot) {
        return LocalDateTime.parse(slot).atZone(businessClock.getZone()).toInstant();
    }

    private Mono<Step> quote(Turn turn, FlowState state, Option slot) {
        String local = slot.id().substring("slot:".length());
        return tools.bookTechnician(turn.caller(), null, state.customerId(),
                        new TechnicianRequest(requestId(turn, "book_technician"), startsAt(local), REASON, null))
                .flatMap(quote -> Steps.quoted(state, "technician", local, "", quote))
                .onErrorResume(ActionRefusedException.class, refused -> transfer(turn, state,
                        "I cannot book that visit (" + refused.getMessage() + ")."));
    }

    private Mono<Step> book(Turn turn, FlowState state) {
        FlowState after = state.pending(state.step(), null, state.amount());
        return tools.bookTechnician(turn.caller(), null, state.customerId(),
                        new TechnicianRequest(requestId(turn, "book_technician"), startsAt(state.amount()), REASON,
                                state.confirmation()))
                .flatMap(done -> end(after, "Done: a technician will visit you on "
                        + when(startsAt(state.amount())) + ". Please make sure someone is at home.", done.actionId()))
                .onErrorResume(ActionRefusedException.class, refused -> transfer(turn, after,
                        "I could not book the visit (" + refused.getMessage() + ")."));
    }

    @Override
    String summary(FlowState state) {
        return "Home internet (slot " + state.amount() + ")";
    }
}
