package dev.switchboard.tau2.device;

import dev.switchboard.tau2.device.DeviceEnums.NetworkTechnology;
import dev.switchboard.tau2.device.DeviceEnums.SignalStrength;
import java.util.Map;

/**
 * τ²'s {@code UserSurroundings}: who the customer is, where, and what their line allows, which the phone cannot change
 * itself. {@code roamingAllowed}, {@code mobileDataUsageExceeded}, {@code lineActive} and {@code paymentRequest} come
 * from the account ({@link Phone#sync}).
 */
public record Surroundings(String name, String phoneNumber, boolean abroad, boolean roamingAllowed,
        Map<NetworkTechnology, SignalStrength> signalStrength, boolean mobileDataUsageExceeded, boolean lineActive,
        PaymentRequest paymentRequest) {

    public Surroundings {
        signalStrength = Map.copyOf(signalStrength);
    }

    static Surroundings defaults() {
        return new Surroundings(null, null, false, false, Map.of(NetworkTechnology.TWO_G, SignalStrength.POOR,
                NetworkTechnology.THREE_G, SignalStrength.FAIR, NetworkTechnology.FOUR_G, SignalStrength.GOOD,
                NetworkTechnology.FIVE_G, SignalStrength.EXCELLENT), false, true, null);
    }

    SignalStrength signalOf(NetworkTechnology technology) {
        return signalStrength.getOrDefault(technology, SignalStrength.NONE);
    }

    Surroundings withUser(String newName, String newPhoneNumber) {
        return new Surroundings(newName, newPhoneNumber, abroad, roamingAllowed, signalStrength,
                mobileDataUsageExceeded, lineActive, paymentRequest);
    }

    Surroundings withAbroad(boolean isAbroad) {
        return new Surroundings(name, phoneNumber, isAbroad, roamingAllowed, signalStrength, mobileDataUsageExceeded,
                lineActive, paymentRequest);
    }

    Surroundings withLine(LineFacts line) {
        return new Surroundings(name, phoneNumber, abroad, line.roamingAllowed(), signalStrength,
                line.dataUsageExceeded(), line.active(), paymentRequest);
    }

    Surroundings withPaymentRequest(PaymentRequest request) {
        return new Surroundings(name, phoneNumber, abroad, roamingAllowed, signalStrength, mobileDataUsageExceeded,
                lineActive, request);
    }
}
