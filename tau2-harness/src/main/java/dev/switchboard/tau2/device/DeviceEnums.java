package dev.switchboard.tau2.device;

import java.util.Locale;

/**
 * The enumerations of τ²'s phone ({@code src/tau2/domains/telecom/user_data_model.py}), each with the string τ² uses
 * for it in tasks and tool outputs: the constant's name in lower case unless it says otherwise.
 */
public final class DeviceEnums {

    private DeviceEnums() {
    }

    /** A value as τ² spells it. */
    interface Named {

        String name();

        default String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static <E extends Enum<E> & Named> E parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.value().equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a valid " + type.getSimpleName());
    }

    public enum SimStatus implements Named {
        ACTIVE, MISSING, LOCKED_PIN, LOCKED_PUK
    }

    public enum NetworkTechnology implements Named {
        NONE("none"), TWO_G("2G"), THREE_G("3G"), FOUR_G("4G"), FIVE_G("5G");

        private final String value;

        NetworkTechnology(String value) {
            this.value = value;
        }

        @Override
        public String value() {
            return value;
        }
    }

    public enum NetworkModePreference implements Named {
        FOUR_G_5G_PREFERRED("4g_5g_preferred"), FOUR_G_ONLY("4g_only"), THREE_G_ONLY("3g_only"), TWO_G_ONLY("2g_only");

        private final String value;

        NetworkModePreference(String value) {
            this.value = value;
        }

        @Override
        public String value() {
            return value;
        }

        public static NetworkModePreference of(String value) {
            return parse(NetworkModePreference.class, value);
        }
    }

    public enum SignalStrength implements Named {
        NONE, POOR, FAIR, GOOD, EXCELLENT
    }

    public enum PerformanceLevel implements Named {
        UNKNOWN, POOR, FAIR, GOOD, EXCELLENT
    }

    public enum NetworkStatus implements Named {
        CONNECTED, SEARCHING, NO_SERVICE, EMERGENCY_ONLY;

        public static NetworkStatus of(String value) {
            return parse(NetworkStatus.class, value);
        }
    }

    public enum ApnName implements Named {
        INTERNET, BROKEN
    }
}
