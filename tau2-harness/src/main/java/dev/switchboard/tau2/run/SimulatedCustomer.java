package dev.switchboard.tau2.run;

import dev.switchboard.tau2.device.AppPermissions;
import dev.switchboard.tau2.device.DeviceEnums.NetworkModePreference;
import dev.switchboard.tau2.device.Phone;
import dev.switchboard.tau2.device.PhoneState;
import dev.switchboard.tau2.run.ChatTransport.Option;
import dev.switchboard.tau2.run.ChatTransport.Reply;
import dev.switchboard.tau2.task.Arguments;
import dev.switchboard.tau2.task.Tau2Task;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The customer of a task, with no per-task code: they open the conversation with the scenario's reason for the call,
 * and answer each question of the flow from what their phone shows (an option {@code name:value} is picked when the
 * phone shows that value), do on the phone what an option {@code do:<action>[:args]} says, pick the line whose number
 * the scenario gives them, the problem whose words the reason for the call uses most, and confirm a price or a payment
 * only when the scenario's instructions say they would (τ²'s customer reads the same instructions).
 *
 * <p>τ²'s customer is a language model that reads the agent's words; offline the flow's option ids are the common
 * vocabulary instead: each names what a τ² user tool shows or does.
 */
public final class SimulatedCustomer {

    /** The option saying the customer paid the bill they were asked to (the runner pays it first). */
    static final String PAID = "paid";

    private static final Pattern REFUEL = Pattern.compile("(?i)willing to refuel (\\d+(?:\\.\\d+)?) ?GB");
    private static final Pattern ACCEPTS_PAYING = Pattern.compile("(?i)asks you to pay a bill, you accept");

    private final Tau2Task task;
    private final Phone phone;

    public SimulatedCustomer(Tau2Task task, Phone phone) {
        this.task = task;
        this.phone = phone;
    }

    /**
     * The first message: the first sentence of the reason for the call, in the customer's words (τ² writes it to the
     * customer; the rest says what they will accept, which they tell when asked).
     */
    public String opening() {
        String reason = task.scenario().reasonForCall().strip().split("(?<=\\.) ", 2)[0];
        return reason.replaceAll("\\bYou mobile\\b", "My mobile").replaceAll("\\bYour\\b", "My")
                .replaceAll("\\byour\\b", "my").replaceAll("\\bYou are\\b", "I am").replaceAll("\\byou\\b", "I");
    }

    /** What the customer answers to the reply: an option picked (doing on the phone what it says), or nothing. */
    public Optional<Option> answer(Reply reply) {
        List<Option> options = reply.suggestions();
        if (options.isEmpty()) {
            return Optional.empty();
        }
        Optional<Option> action = options.stream().filter(o -> o.id().startsWith("do:")).findFirst();
        if (action.isPresent()) {
            perform(action.get().id().substring(3));
            return action;
        }
        Optional<Option> line = options.stream()
                .filter(o -> task.phoneNumber().map(n -> o.label().contains(n)).orElse(false)).findFirst();
        if (line.isPresent()) {
            return line;
        }
        Optional<Option> seen = options.stream().filter(o -> o.id().equals(observation(o.id()))).findFirst();
        if (seen.isPresent() || options.stream().anyMatch(o -> observable(o.id()))) {
            return seen;
        }
        Optional<Option> refuel = options.stream().filter(o -> o.id().startsWith("refuel:")).findFirst();
        if (refuel.isPresent()) {
            Matcher willing = REFUEL.matcher(instructions());
            return willing.find() ? options.stream().filter(o -> o.id().startsWith("refuel:")
                            && Double.parseDouble(o.id().substring(7)) == Double.parseDouble(willing.group(1)))
                    .findFirst().or(() -> byId(options, "decline")) : byId(options, "decline");
        }
        if (options.stream().anyMatch(o -> o.id().equals("confirm") || o.id().equals("paid"))) {
            boolean yes = accepts(reply.content());
            return options.stream().filter(o -> yes ? o.id().equals("confirm") || o.id().equals(PAID)
                    : o.id().equals("decline")).findFirst();
        }
        return mostAlike(options, task.scenario().reasonForCall());
    }

    /** Whether the scenario lets the customer accept what the reply asks: a price for data, a payment, or a free change. */
    private boolean accepts(String asked) {
        String text = asked.toLowerCase(Locale.ROOT);
        if (text.contains("refuel") || text.contains(" gb ")) {
            return REFUEL.matcher(instructions()).find();
        }
        if (text.contains("payment") || text.contains("pay ") || text.contains("pay it")) {
            return ACCEPTS_PAYING.matcher(instructions()).find();
        }
        return text.contains("at no cost");
    }

    private String instructions() {
        String text = task.scenario().taskInstructions();
        return text == null ? "" : text;
    }

    private static Optional<Option> byId(List<Option> options, String id) {
        return options.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    /** The option whose label shares the most words with the text (the problem, from the reason for the call). */
    private static Optional<Option> mostAlike(List<Option> options, String text) {
        Set<String> said = words(text);
        return options.stream().filter(o -> words(o.label()).stream().anyMatch(said::contains))
                .max(Comparator.comparingLong(o -> words(o.label()).stream().filter(said::contains).count()));
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")).filter(w -> w.length() > 2)
                .collect(Collectors.toSet());
    }

    /** The phone's own answer to an option's question: the option id that is true of the phone now. */
    private String observation(String optionId) {
        String name = optionId.substring(0, Math.max(0, optionId.lastIndexOf(':')));
        PhoneState d = phone.state();
        return name + ":" + switch (name) {
            case "signal" -> phone.check("assert_service_status", Arguments.of(Map.of("expected_status",
                    "connected"))) ? "yes" : "no";
            case "airplane_mode" -> onOff(d.airplaneMode());
            // a SIM taken out keeps its status; the phone reports it missing (τ²'s check_sim_status)
            case "sim" -> d.simCardMissing() ? "missing" : d.simCardStatus().name().startsWith("LOCKED") ? "locked"
                    : d.simCardStatus().name().toLowerCase(Locale.ROOT);
            case "speed" -> speed();
            case "abroad" -> phone.surroundings().abroad() ? "yes" : "no";
            case "roaming" -> onOff(d.roamingEnabled());
            case "mobile_data" -> onOff(d.dataEnabled());
            case "data_saver" -> onOff(d.dataSaverMode());
            case "network_mode" -> d.networkModePreference() == NetworkModePreference.TWO_G_ONLY
                    || d.networkModePreference() == NetworkModePreference.THREE_G_ONLY ? "2g_3g" : "4g_5g";
            case "vpn" -> onOff(d.vpnConnected());
            case "mms" -> phone.check("assert_can_send_mms", Arguments.of(Map.of("expected_status", true)))
                    ? "yes" : "no";
            case "wifi_calling" -> onOff(d.wifiCallingEnabled());
            case "permission:messaging:sms" -> permission("sms");
            case "permission:messaging:storage" -> permission("storage");
            case "apn_mmsc" -> d.activeApnSettings().mmscUrl() == null
                    || d.activeApnSettings().mmscUrl().isBlank() ? "missing" : "set";
            default -> "?";
        };
    }

    private boolean observable(String optionId) {
        return !observation(optionId).endsWith(":?");
    }

    private String speed() {
        String description = phone.runSpeedTest().description().toLowerCase(Locale.ROOT);
        return description.equals("no connection") ? "none" : description.equals("excellent") ? "excellent" : "slow";
    }

    private String permission(String name) {
        AppPermissions app = phone.state().apps().get("messaging");
        boolean granted = app != null && (name.equals("sms") ? app.sms() : app.storage());
        return granted ? "yes" : "no";
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    /** {@code do:<tool>[:<args>]}: the phone's tool by τ²'s name, with the arguments it takes. */
    private void perform(String action) {
        String[] parts = action.split(":");
        Arguments args = switch (parts[0]) {
            case "set_network_mode_preference" -> Arguments.of(Map.of("mode", parts[1]));
            case "grant_app_permission" -> Arguments.of(Map.of("app_name", parts[1], "permission", parts[2]));
            default -> Arguments.none();
        };
        phone.call(parts[0], args);
    }
}
