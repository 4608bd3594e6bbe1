package dev.switchboard.tau2.device;

import dev.switchboard.tau2.device.DeviceEnums.NetworkModePreference;
import dev.switchboard.tau2.device.DeviceEnums.NetworkStatus;
import dev.switchboard.tau2.device.DeviceEnums.NetworkTechnology;
import dev.switchboard.tau2.device.DeviceEnums.SignalStrength;
import dev.switchboard.tau2.device.DeviceEnums.SimStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * τ²'s {@code MockPhoneAttributes}: one snapshot of the simulated phone, field for field. {@code apps} maps an app's
 * name to its permissions (τ²'s {@code app_statuses}, whose {@code AppStatus} holds nothing else), in τ²'s order.
 */
public record PhoneState(SimStatus simCardStatus, boolean simCardMissing, boolean airplaneMode,
        SignalStrength networkSignalStrength, NetworkTechnology networkTechnologyConnected,
        NetworkStatus networkConnectionStatus, int batteryLevel, boolean dataEnabled, boolean roamingEnabled,
        NetworkModePreference networkModePreference, ApnSettings activeApnSettings, boolean wifiEnabled,
        boolean wifiConnected, String wifiSsid, SignalStrength wifiSignalStrength, boolean wifiCallingEnabled,
        boolean wifiCallingMmsOverWifi, boolean dataSaverMode, boolean vpnEnabledSetting, boolean vpnConnected,
        VpnDetails vpnDetails, Map<String, AppPermissions> apps) {

    public PhoneState {
        apps = Collections.unmodifiableMap(new LinkedHashMap<>(apps));
    }

    /**
     * The phone every task starts from: τ²'s {@code user_db.toml}, which sets each field to the model's default
     * (battery 80 %, 5G with a good signal, mobile data on, roaming off, Wi-Fi off, the messaging and browser apps).
     */
    public static PhoneState defaults() {
        Map<String, AppPermissions> apps = new LinkedHashMap<>();
        apps.put("messaging", new AppPermissions(true, true, true, false));
        apps.put("browser", new AppPermissions(false, true, false, true));
        return new PhoneState(SimStatus.ACTIVE, false, false, SignalStrength.GOOD, NetworkTechnology.FIVE_G,
                NetworkStatus.CONNECTED, 80, true, false, NetworkModePreference.FOUR_G_5G_PREFERRED,
                ApnSettings.defaults(), false, false, null, SignalStrength.NONE, false, false, false, false, false,
                null, apps);
    }

    /** A working copy that the phone's actions change in place, as τ²'s tools change the pydantic model. */
    static final class Builder {
        SimStatus simCardStatus;
        boolean simCardMissing;
        boolean airplaneMode;
        SignalStrength networkSignalStrength;
        NetworkTechnology networkTechnologyConnected;
        NetworkStatus networkConnectionStatus;
        int batteryLevel;
        boolean dataEnabled;
        boolean roamingEnabled;
        NetworkModePreference networkModePreference;
        ApnSettings activeApnSettings;
        boolean wifiEnabled;
        boolean wifiConnected;
        String wifiSsid;
        SignalStrength wifiSignalStrength;
        boolean wifiCallingEnabled;
        boolean wifiCallingMmsOverWifi;
        boolean dataSaverMode;
        boolean vpnEnabledSetting;
        boolean vpnConnected;
        VpnDetails vpnDetails;
        final Map<String, AppPermissions> apps;

        Builder(PhoneState s) {
            simCardStatus = s.simCardStatus;
            simCardMissing = s.simCardMissing;
            airplaneMode = s.airplaneMode;
            networkSignalStrength = s.networkSignalStrength;
            networkTechnologyConnected = s.networkTechnologyConnected;
            networkConnectionStatus = s.networkConnectionStatus;
            batteryLevel = s.batteryLevel;
            dataEnabled = s.dataEnabled;
            roamingEnabled = s.roamingEnabled;
            networkModePreference = s.networkModePreference;
            activeApnSettings = s.activeApnSettings;
            wifiEnabled = s.wifiEnabled;
            wifiConnected = s.wifiConnected;
            wifiSsid = s.wifiSsid;
            wifiSignalStrength = s.wifiSignalStrength;
            wifiCallingEnabled = s.wifiCallingEnabled;
            wifiCallingMmsOverWifi = s.wifiCallingMmsOverWifi;
            dataSaverMode = s.dataSaverMode;
            vpnEnabledSetting = s.vpnEnabledSetting;
            vpnConnected = s.vpnConnected;
            vpnDetails = s.vpnDetails;
            apps = new LinkedHashMap<>(s.apps);
        }

        PhoneState build() {
            return new PhoneState(simCardStatus, simCardMissing, airplaneMode, networkSignalStrength,
                    networkTechnologyConnected, networkConnectionStatus, batteryLevel, dataEnabled, roamingEnabled,
                    networkModePreference, activeApnSettings, wifiEnabled, wifiConnected, wifiSsid, wifiSignalStrength,
                    wifiCallingEnabled, wifiCallingMmsOverWifi, dataSaverMode, vpnEnabledSetting, vpnConnected,
                    vpnDetails, apps);
        }

        /** No cellular network: what every failed network search leaves. */
        void noService() {
            networkConnectionStatus = NetworkStatus.NO_SERVICE;
            networkTechnologyConnected = NetworkTechnology.NONE;
            networkSignalStrength = SignalStrength.NONE;
        }

        void wifiDisconnected() {
            wifiConnected = false;
            wifiSsid = null;
            wifiSignalStrength = SignalStrength.NONE;
        }
    }
}
