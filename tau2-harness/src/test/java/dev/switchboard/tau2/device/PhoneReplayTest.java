package dev.switchboard.tau2.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.tau2.task.Arguments;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments.ArgumentSet;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays scripted sessions on the port and expects what τ²'s own phone answered to each call, and its final state:
 * {@code phone-replays.json} was written by {@code phone_replays.py} (beside it) running
 * {@code src/tau2/domains/telecom/user_tools.py} of sierra-research/tau2-bench@a2c024725189473d2d7cea3a5cfdbcc67478e41f.
 */
class PhoneReplayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<ArgumentSet> sessions() throws IOException {
        try (InputStream in = PhoneReplayTest.class.getResourceAsStream("/tau2/phone-replays.json")) {
            JsonNode sessions = JSON.readTree(in);
            return sessions.properties().stream()
                    .map(session -> org.junit.jupiter.params.provider.Arguments.argumentSet(session.getKey(),
                            session.getValue()));
        }
    }

    @ParameterizedTest
    @MethodSource("sessions")
    void answersAsTau2Does(JsonNode session) {
        // Given the phone of user_db.toml
        Phone phone = new Phone();

        for (JsonNode step : session.get("steps")) {
            String function = step.get("function").asString();
            Arguments arguments = new Arguments((ObjectNode) step.get("arguments"));
            JsonNode expected = step.get("answer");

            // When the session's next call is made
            Object answer;
            if (function.equals("sync")) {
                phone.sync(lineFacts(arguments));
                answer = null;
            } else if (function.startsWith("assert_")) {
                answer = phone.check(function, arguments);
            } else {
                answer = phone.call(function, arguments);
            }

            // Then it answers what τ² answered (τ²'s setters answer None, the port's an empty text)
            Object tau2Answer = expected.isBoolean() ? expected.booleanValue()
                    : expected.isNull() ? (function.equals("sync") ? null : "") : expected.asString();
            assertThat(answer).as("%s(%s)", function, arguments).isEqualTo(tau2Answer);
        }

        // Then the phone ends as τ²'s did
        assertThat(state(phone.state())).isEqualTo(JSON.convertValue(session.get("final_state"), Map.class));
    }

    private static LineFacts lineFacts(Arguments facts) {
        PaymentRequest awaiting = facts.present("awaiting_payment")
                ? new PaymentRequest(facts.object("awaiting_payment").string("bill_id"),
                        facts.object("awaiting_payment").number("amount_due"), false)
                : null;
        return new LineFacts(facts.bool("active"), facts.bool("roaming_allowed"), facts.bool("data_usage_exceeded"),
                awaiting);
    }

    /** The fields phone_replays.py dumps, under τ²'s names. */
    private static Map<String, Object> state(PhoneState s) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("sim_card_status", s.simCardStatus().value());
        state.put("sim_card_missing", s.simCardMissing());
        state.put("airplane_mode", s.airplaneMode());
        state.put("network_signal_strength", s.networkSignalStrength().value());
        state.put("network_technology_connected", s.networkTechnologyConnected().value());
        state.put("network_connection_status", s.networkConnectionStatus().value());
        state.put("data_enabled", s.dataEnabled());
        state.put("roaming_enabled", s.roamingEnabled());
        state.put("network_mode_preference", s.networkModePreference().value());
        state.put("apn_name", s.activeApnSettings().apnName().value());
        state.put("apn_reset_at_reboot", s.activeApnSettings().resetAtReboot());
        state.put("mmsc_url", s.activeApnSettings().mmscUrl());
        state.put("wifi_enabled", s.wifiEnabled());
        state.put("wifi_connected", s.wifiConnected());
        state.put("wifi_calling_enabled", s.wifiCallingEnabled());
        state.put("wifi_calling_mms_over_wifi", s.wifiCallingMmsOverWifi());
        state.put("data_saver_mode", s.dataSaverMode());
        state.put("vpn_connected", s.vpnConnected());
        Map<String, Object> apps = new LinkedHashMap<>();
        s.apps().forEach((name, p) -> apps.put(name,
                Map.of("sms", p.sms(), "storage", p.storage(), "phone", p.phone(), "network", p.network())));
        state.put("apps", apps);
        return state;
    }
}
