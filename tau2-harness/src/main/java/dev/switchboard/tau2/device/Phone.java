package dev.switchboard.tau2.device;

import dev.switchboard.tau2.device.DeviceEnums.ApnName;
import dev.switchboard.tau2.device.DeviceEnums.NetworkModePreference;
import dev.switchboard.tau2.device.DeviceEnums.NetworkStatus;
import dev.switchboard.tau2.device.DeviceEnums.NetworkTechnology;
import dev.switchboard.tau2.device.DeviceEnums.PerformanceLevel;
import dev.switchboard.tau2.device.DeviceEnums.SignalStrength;
import dev.switchboard.tau2.device.DeviceEnums.SimStatus;
import dev.switchboard.tau2.task.Arguments;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The simulated customer's phone: τ²-bench telecom's {@code TelecomUserTools}, ported from
 * {@code src/tau2/domains/telecom/user_tools.py} at sierra-research/tau2-bench@a2c024725189473d2d7cea3a5cfdbcc67478e41f
 * (MIT). The tools the customer uses return τ²'s texts; the functions tasks use to break the phone
 * ({@code initialization_actions}) and to check it ({@code env_assertions}) behave as τ²'s. Everything is reached by
 * τ²'s function name through {@link #call} and {@link #check}, so the harness needs no per-task code.
 */
public final class Phone {

    /** The result of a speed test: no speed when mobile data does not work. */
    public record SpeedTest(Double mbps, String description) {
    }

    private final PhoneState.Builder d;
    private Surroundings surroundings;

    public Phone() {
        this(PhoneState.defaults(), Surroundings.defaults());
    }

    public Phone(PhoneState state, Surroundings surroundings) {
        this.d = new PhoneState.Builder(state);
        this.surroundings = surroundings;
    }

    public PhoneState state() {
        return d.build();
    }

    public Surroundings surroundings() {
        return surroundings;
    }

    /**
     * Runs a τ² user-side function by name: a tool of the customer ({@code toggle_airplane_mode}) or a function of a
     * task's initial state ({@code break_apn_settings}). Returns what τ² returns, as text.
     *
     * @throws IllegalArgumentException for a function τ²'s phone does not have, or wrong arguments
     */
    public String call(String function, Arguments args) {
        return switch (function) {
            case "set_user_info" -> setUserInfo(args.string("name"), args.string("phone_number"));
            case "set_user_location" -> setUserLocation(args.bool("abroad"));
            case "check_status_bar" -> checkStatusBar();
            case "check_network_status" -> checkNetworkStatus();
            case "check_network_mode_preference" -> checkNetworkModePreference();
            case "set_network_mode_preference" -> setNetworkModePreference(args.string("mode"));
            case "run_speed_test" -> runSpeedTestText();
            case "toggle_airplane_mode" -> toggleAirplaneMode();
            case "turn_airplane_mode_on" -> turnAirplaneMode(true);
            case "turn_airplane_mode_off" -> turnAirplaneMode(false);
            case "check_sim_status" -> checkSimStatus();
            case "reseat_sim_card" -> reseatSimCard();
            case "unseat_sim_card" -> unseatSimCard();
            case "lock_sim_card" -> lockSimCard(args.string("mode"));
            case "toggle_data" -> toggleData();
            case "turn_data_on" -> turnDataOn();
            case "turn_data_off" -> turnDataOff();
            case "toggle_roaming" -> toggleRoaming();
            case "turn_roaming_on" -> turnRoaming(true);
            case "turn_roaming_off" -> turnRoaming(false);
            case "check_data_restriction_status" -> checkDataRestrictionStatus();
            case "toggle_data_saver_mode" -> toggleDataSaverMode();
            case "turn_data_saver_mode_on" -> turnDataSaverMode(true);
            case "turn_data_saver_mode_off" -> turnDataSaverMode(false);
            case "check_apn_settings" -> checkApnSettings();
            case "set_apn_settings" -> setApnSettings(apnSettings(args.object("apn_settings")));
            case "reset_apn_settings" -> resetApnSettings();
            case "break_apn_settings" -> breakApnSettings();
            case "break_apn_mms_setting" -> breakApnMmsSetting();
            case "check_wifi_status" -> checkWifiStatus();
            case "toggle_wifi" -> toggleWifi();
            case "check_wifi_calling_status" -> checkWifiCallingStatus();
            case "toggle_wifi_calling" -> toggleWifiCalling();
            case "set_wifi_calling" -> setWifiCalling(args.bool("enabled"), args.optionalBool("mms_over_wifi"));
            case "check_vpn_status" -> checkVpnStatus();
            case "connect_vpn" -> connectVpn();
            case "disconnect_vpn" -> disconnectVpn();
            case "break_vpn" -> breakVpn();
            case "check_installed_apps" -> checkInstalledApps();
            case "check_app_status" -> checkAppStatus(args.string("app_name"));
            case "check_app_permissions" -> checkAppPermissions(args.string("app_name"));
            case "grant_app_permission" -> grantAppPermission(args.string("app_name"), args.string("permission"));
            case "remove_app_permission" -> removeAppPermission(args.string("app_name"), args.string("permission"));
            case "can_send_mms" -> canSendMmsText();
            case "reboot_device" -> rebootDevice();
            case "simulate_network_search" -> {
                simulateNetworkSearch();
                yield "";
            }
            case "check_payment_request" -> checkPaymentRequest();
            case "make_payment" -> makePayment();
            default -> throw new IllegalArgumentException("the phone has no function '" + function + "'");
        };
    }

    /**
     * Evaluates a τ² user-side assertion ({@code assert_service_status}, ...) by name on the phone as it is now.
     *
     * @throws IllegalArgumentException for an assertion τ²'s phone does not have, or wrong arguments
     */
    public boolean check(String assertion, Arguments args) {
        return switch (assertion) {
            case "assert_airplane_mode_status" -> d.airplaneMode == args.bool("expected_status");
            case "assert_service_status" ->
                d.networkConnectionStatus == NetworkStatus.of(args.string("expected_status"));
            case "assert_mobile_data_status" -> mobileDataWorking() == args.bool("expected_status");
            case "assert_mobile_roaming_status" -> d.roamingEnabled == args.bool("expected_status");
            case "assert_mobile_data_saver_mode_status" -> d.dataSaverMode == args.bool("expected_status");
            case "assert_internet_speed" ->
                internetSpeedAtLeast(args.number("expected_speed"), args.optionalString("expected_desc"));
            case "assert_internet_not_excellent" -> !runSpeedTest().description().equalsIgnoreCase("excellent");
            case "assert_can_send_mms" -> canSendMms() == args.bool("expected_status");
            case "assert_mobile_data_usage_exceeded" ->
                surroundings.mobileDataUsageExceeded() == args.bool("expected_status");
            default -> throw new IllegalArgumentException("the phone has no assertion '" + assertion + "'");
        };
    }

    /**
     * Takes in what the account says of the customer's line ({@code TelecomEnvironment.sync_tools}): whether it is
     * active, may roam and has data left, and the bill awaiting payment. A payment request the customer has paid is
     * dropped (the harness pays the bill through the account API before syncing); with no request left, the bill
     * awaiting payment, if any, becomes the phone's request. Like τ², this does not search the network again.
     */
    public void sync(LineFacts line) {
        surroundings = surroundings.withLine(line);
        PaymentRequest current = surroundings.paymentRequest();
        if (current != null && current.paid()) {
            surroundings = surroundings.withPaymentRequest(null);
        }
        if (surroundings.paymentRequest() == null) {
            surroundings = surroundings.withPaymentRequest(line.awaitingPayment());
        }
    }

    // --- User info ---

    private String setUserInfo(String name, String phoneNumber) {
        surroundings = surroundings.withUser(name, phoneNumber);
        return "";
    }

    private String setUserLocation(boolean abroad) {
        surroundings = surroundings.withAbroad(abroad);
        return "";
    }

    // --- Status bar ---

    private String checkStatusBar() {
        return "Status Bar: " + statusBar();
    }

    private String statusBar() {
        List<String> indicators = new ArrayList<>();
        if (d.airplaneMode) {
            indicators.add("✈️ Airplane Mode");
        } else {
            indicators.add(switch (d.networkSignalStrength) {
                case NONE -> "📵 No Signal";
                case POOR -> "📶¹ Poor";
                case FAIR -> "📶² Fair";
                case GOOD -> "📶³ Good";
                case EXCELLENT -> "📶⁴ Excellent";
            });
            boolean technology = d.networkTechnologyConnected != NetworkTechnology.NONE;
            if (technology) {
                indicators.add(d.networkTechnologyConnected.value());
            }
            if (d.dataEnabled && technology) {
                indicators.add("📱 Data Enabled");
                if (d.dataSaverMode) {
                    indicators.add("🔽 Data Saver");
                }
            } else {
                indicators.add("📵 Data Disabled");
            }
        }
        if (d.wifiEnabled && d.wifiConnected) {
            indicators.add(d.wifiSsid != null ? "📡 Connected to " + d.wifiSsid : "📡 Enabled");
        }
        if (d.vpnConnected) {
            indicators.add("🔒 VPN Connected");
        }
        indicators.add("🔋 " + d.batteryLevel + "%");
        return String.join(" | ", indicators);
    }

    private String withStatusBar(String update) {
        return update + "\nStatus Bar: " + statusBar();
    }

    // --- Network ---

    private String checkNetworkStatus() {
        List<String> lines = new ArrayList<>(List.of(
                "Airplane Mode: " + onOff(d.airplaneMode),
                "SIM Card Status: " + simStatus().value(),
                "Cellular Connection: " + d.networkConnectionStatus.value(),
                "Cellular Signal: " + d.networkSignalStrength.value(),
                "Cellular Network Type: " + d.networkTechnologyConnected.value(),
                "Mobile Data Enabled: " + yesNo(d.dataEnabled),
                "Data Roaming Enabled: " + yesNo(d.roamingEnabled),
                "Wi-Fi Radio: " + onOff(d.wifiEnabled),
                "Wi-Fi Connected: " + yesNo(d.wifiConnected)));
        if (d.wifiConnected) {
            lines.add("Connected Wi-Fi Network: " + (d.wifiSsid == null ? "None" : d.wifiSsid));
        }
        return String.join("\n", lines);
    }

    private String checkNetworkModePreference() {
        return "Network Mode Preference: " + d.networkModePreference.value();
    }

    private String setNetworkModePreference(String mode) {
        NetworkModePreference preference;
        try {
            preference = NetworkModePreference.of(mode);
        } catch (IllegalArgumentException e) {
            return "Failed to set network mode: '" + mode + "' is not a valid option. Please use one of: "
                    + Arrays.stream(NetworkModePreference.values()).map(NetworkModePreference::value)
                            .collect(Collectors.joining(", "))
                    + "\nStatus Bar: " + statusBar();
        }
        d.networkModePreference = preference;
        simulateNetworkSearch();
        return withStatusBar("Preferred Network Mode set to: " + preference.value());
    }

    /**
     * Mobile data works unless airplane mode is on, there is no signal or service, the customer is abroad without
     * roaming (on the phone and on the line), data is off, or the data allowance is used up.
     */
    private boolean mobileDataWorking() {
        if (d.airplaneMode || d.networkSignalStrength == SignalStrength.NONE) {
            return false;
        }
        if (d.networkConnectionStatus == NetworkStatus.NO_SERVICE) {
            return false;
        }
        if (surroundings.abroad() && (!d.roamingEnabled || !surroundings.roamingAllowed())) {
            return false;
        }
        return d.dataEnabled && !surroundings.mobileDataUsageExceeded();
    }

    private String runSpeedTestText() {
        SpeedTest test = runSpeedTest();
        if (test.mbps() == null) {
            return "Speed test failed: " + test.description() + ".";
        }
        String advice = switch (test.description()) {
            case "Very Poor" -> "Connection is very slow. Basic web browsing might be difficult.";
            case "Poor" -> "Connection is slow. Web browsing may be sluggish, streaming difficult.";
            case "Fair" -> "Connection is okay for web browsing and some standard definition streaming.";
            case "Good" -> "Connection is good for most activities, including HD streaming.";
            case "Excellent" -> "Connection is very fast.";
            default -> "";
        };
        return String.format(Locale.ROOT, "Speed Test Result: %.2f Mbps (%s). %s", test.mbps(), test.description(),
                advice);
    }

    /**
     * The simulated download speed: the middle of the technology's range, times the signal's factor, times 0.1 behind
     * a poorly performing VPN and 0.2 with data saver on, rounded to hundredths (half up: Python's {@code round} may
     * differ by 0.01 on an exact half, far below any threshold of the tasks).
     */
    public SpeedTest runSpeedTest() {
        if (!mobileDataWorking()) {
            return new SpeedTest(null, "No Connection");
        }
        double base = d.vpnConnected && d.vpnDetails != null
                && d.vpnDetails.serverPerformance() == PerformanceLevel.POOR ? 0.1 : 1.0;
        if (d.dataSaverMode) {
            base *= 0.2;
        }
        double[] range = switch (d.networkTechnologyConnected) {
            case TWO_G -> new double[] {0.1, 0.4};
            case THREE_G -> new double[] {1.0, 5.0};
            case FOUR_G -> new double[] {10.0, 100.0};
            case FIVE_G -> new double[] {50.0, 500.0};
            case NONE -> new double[] {0.0, 0.0};
        };
        double signal = switch (d.networkSignalStrength) {
            case POOR -> 0.2;
            case FAIR -> 0.5;
            case GOOD -> 0.8;
            case EXCELLENT -> 1.0;
            case NONE -> 0.0;
        };
        double speed = Math.round((range[0] + range[1]) / 2.0 * signal * base * 100.0) / 100.0;
        String description;
        if (speed < 1) {
            description = "Very Poor";
        } else if (speed < 5) {
            description = "Poor";
        } else if (speed < 25) {
            description = "Fair";
        } else if (speed < 100) {
            description = "Good";
        } else {
            description = "Excellent";
        }
        return new SpeedTest(speed, description);
    }

    private boolean internetSpeedAtLeast(double expectedSpeed, Optional<String> expectedDescription) {
        SpeedTest test = runSpeedTest();
        double speed = test.mbps() == null ? 0.0 : test.mbps();
        return speed >= expectedSpeed
                && expectedDescription.map(expected -> expected.equalsIgnoreCase(test.description())).orElse(true);
    }

    // --- Airplane mode ---

    private String toggleAirplaneMode() {
        boolean on = toggleAirplane();
        return withStatusBar("Airplane Mode is now " + onOff(on) + ".");
    }

    private boolean toggleAirplane() {
        boolean wasOn = d.airplaneMode;
        d.airplaneMode = !wasOn;
        if (wasOn) {
            d.networkConnectionStatus = NetworkStatus.SEARCHING;
            if (d.wifiEnabled) {
                d.wifiDisconnected();
            }
        } else {
            d.wifiDisconnected();
            if (d.vpnConnected) {
                vpnDisconnect();
            }
        }
        simulateNetworkSearch();
        return d.airplaneMode;
    }

    private String turnAirplaneMode(boolean on) {
        turn(on, this::toggleAirplane);
        return "Airplane Mode is now " + onOff(on) + ".";
    }

    // --- SIM card ---

    private String checkSimStatus() {
        return switch (simStatus()) {
            case ACTIVE -> "Your SIM card is active and working.";
            case MISSING -> "No SIM card detected in the phone.";
            case LOCKED_PIN -> "The SIM card is locked with a PIN code.";
            case LOCKED_PUK -> "The SIM card is locked with a PUK code.";
        };
    }

    private SimStatus simStatus() {
        return d.simCardMissing ? SimStatus.MISSING : d.simCardStatus;
    }

    private String reseatSimCard() {
        d.simCardMissing = false;
        simulateNetworkSearch();
        return withStatusBar("SIM card re-seated successfully.");
    }

    private String unseatSimCard() {
        d.simCardMissing = true;
        simulateNetworkSearch();
        return "SIM card un-seated successfully.";
    }

    private String lockSimCard(String mode) {
        if (mode.equals("pin")) {
            d.simCardStatus = SimStatus.LOCKED_PIN;
        } else if (mode.equals("puk")) {
            d.simCardStatus = SimStatus.LOCKED_PUK;
        }
        simulateNetworkSearch();
        return "SIM card locked successfully in " + mode + " mode.";
    }

    // --- Mobile data and roaming ---

    private String toggleData() {
        return withStatusBar("Mobile Data is now " + onOff(flipData()) + ".");
    }

    private boolean flipData() {
        d.dataEnabled = !d.dataEnabled;
        simulateNetworkSearch();
        return d.dataEnabled;
    }

    /** τ²'s {@code turn_data_on} sets the switch without a network search, unlike the others. */
    private String turnDataOn() {
        d.dataEnabled = true;
        return "Data connection restored.";
    }

    private String turnDataOff() {
        turn(false, this::flipData);
        return "Data connection broken.";
    }

    private String toggleRoaming() {
        return withStatusBar("Data Roaming is now " + onOff(flipRoaming()) + ".");
    }

    private boolean flipRoaming() {
        d.roamingEnabled = !d.roamingEnabled;
        simulateNetworkSearch();
        return d.roamingEnabled;
    }

    private String turnRoaming(boolean on) {
        turn(on, this::flipRoaming);
        return "Data Roaming is now " + onOff(on) + ".";
    }

    private String checkDataRestrictionStatus() {
        return d.dataSaverMode ? "Data Saver mode is ON (limits data usage)." : "Data Saver mode is OFF.";
    }

    private String toggleDataSaverMode() {
        d.dataSaverMode = !d.dataSaverMode;
        return withStatusBar("Data Saver Mode is now " + onOff(d.dataSaverMode) + ".");
    }

    private String turnDataSaverMode(boolean on) {
        d.dataSaverMode = on;
        return "Data Saver Mode is now " + onOff(on) + ".";
    }

    // --- APN settings ---

    private String checkApnSettings() {
        ApnSettings apn = d.activeApnSettings;
        return "Current APN Name: " + apn.apnName().value() + "\nMMSC URL (for picture messages): "
                + (apn.mmscUrl() == null || apn.mmscUrl().isEmpty() ? "Not Set" : apn.mmscUrl())
                + "\n(These are technical settings, usually best left unchanged.)";
    }

    private static ApnSettings apnSettings(Arguments apn) {
        for (String field : apn.values().propertyNames()) {
            if (!List.of("apn_name", "reset_at_reboot", "mms_apn", "mmsc_url", "mms_proxy", "mms_port")
                    .contains(field)) {
                throw new IllegalArgumentException("APN settings have no field '" + field + "'");
            }
        }
        ApnSettings defaults = ApnSettings.defaults();
        ApnName name = apn.optionalString("apn_name").map(value -> DeviceEnums.parse(ApnName.class, value))
                .orElse(defaults.apnName());
        return new ApnSettings(name, apn.optionalBool("reset_at_reboot").orElse(false),
                field(apn, "mms_apn", defaults.mmsApn()), field(apn, "mmsc_url", defaults.mmscUrl()),
                field(apn, "mms_proxy", null), apn.optionalInt("mms_port").orElse(null));
    }

    /** An optional field of τ²'s settings: its default when left out, null when given as null. */
    private static String field(Arguments apn, String name, String defaultValue) {
        if (!apn.values().has(name)) {
            return defaultValue;
        }
        return apn.optionalString(name).orElse(null);
    }

    private String setApnSettings(ApnSettings apn) {
        d.activeApnSettings = apn;
        simulateNetworkSearch();
        return withStatusBar("APN settings set to: " + apn.apnName().value());
    }

    /** Takes effect at the next reboot, as in τ². */
    private String resetApnSettings() {
        d.activeApnSettings = d.activeApnSettings.withResetAtReboot(true);
        simulateNetworkSearch();
        return withStatusBar("APN settings will reset at reboot.");
    }

    private String breakApnSettings() {
        d.activeApnSettings = d.activeApnSettings.withApnName(ApnName.BROKEN);
        simulateNetworkSearch();
        return "APN settings broken. Please call reset_apn_settings() to fix.";
    }

    private String breakApnMmsSetting() {
        d.activeApnSettings = d.activeApnSettings.withMmscUrl(null);
        return "APN MMS setting broken. Please call reset_apn_settings() to fix.";
    }

    // --- Wi-Fi and Wi-Fi calling ---

    private String checkWifiStatus() {
        if (!d.wifiEnabled) {
            return "Wi-Fi is turned OFF.";
        }
        if (d.wifiConnected) {
            return "Wi-Fi is ON and connected to '" + d.wifiSsid + "'. Signal strength: " + d.wifiSignalStrength.value()
                    + ".";
        }
        return "Wi-Fi is ON but not connected to any network.";
    }

    private String toggleWifi() {
        if (d.airplaneMode) {
            return withStatusBar("Cannot change Wi-Fi settings while Airplane Mode is ON.");
        }
        d.wifiEnabled = !d.wifiEnabled;
        if (!d.wifiEnabled) {
            d.wifiDisconnected();
        }
        return withStatusBar("Wi-Fi is now " + onOff(d.wifiEnabled) + ".");
    }

    private String checkWifiCallingStatus() {
        return "Wi-Fi Calling is currently turned " + onOff(d.wifiCallingEnabled) + ".";
    }

    private String toggleWifiCalling() {
        d.wifiCallingEnabled = !d.wifiCallingEnabled;
        return withStatusBar("Wi-Fi Calling is now " + onOff(d.wifiCallingEnabled) + ".");
    }

    private String setWifiCalling(boolean enabled, Optional<Boolean> mmsOverWifi) {
        d.wifiCallingEnabled = enabled;
        String message = "Wi-Fi Calling is now " + onOff(enabled) + ".";
        if (mmsOverWifi.isPresent()) {
            d.wifiCallingMmsOverWifi = mmsOverWifi.get();
            message += "\nMMS over Wi-Fi is now " + onOff(mmsOverWifi.get()) + ".";
        }
        return message;
    }

    // --- VPN ---

    private String checkVpnStatus() {
        if (d.vpnConnected) {
            return d.vpnDetails != null ? "VPN is ON and connected. Details: " + d.vpnDetails.describe()
                    : "VPN is ON and connected (no specific details available).";
        }
        return d.vpnEnabledSetting ? "VPN is turned ON in settings, but currently not connected." : "VPN is turned OFF.";
    }

    private String connectVpn() {
        if (d.vpnConnected) {
            return "VPN already connected.";
        }
        d.vpnConnected = true;
        d.vpnDetails = VpnDetails.defaults();
        return withStatusBar("VPN connected successfully.");
    }

    private String disconnectVpn() {
        return withStatusBar(vpnDisconnect() ? "VPN disconnected successfully."
                : "No active VPN connection to disconnect.");
    }

    private boolean vpnDisconnect() {
        if (!d.vpnConnected) {
            return false;
        }
        d.vpnConnected = false;
        d.vpnDetails = null;
        return true;
    }

    /** A connected VPN whose server performs poorly: slow mobile data. */
    private String breakVpn() {
        connectVpn();
        d.vpnDetails = new VpnDetails(d.vpnDetails.serverAddress(), d.vpnDetails.protocol(), PerformanceLevel.POOR);
        return "VPN connection broken.";
    }

    // --- Apps ---

    private String checkInstalledApps() {
        return "The following apps are installed on the phone: " + String.join(", ", d.apps.keySet());
    }

    private String checkAppStatus(String app) {
        AppPermissions permissions = d.apps.get(app);
        if (permissions == null) {
            return "App '" + app + "' not found on this phone.";
        }
        List<String> lines = new ArrayList<>(List.of("Status for App: " + app));
        List<String> granted = permissions.granted();
        if (granted.isEmpty()) {
            lines.add(" - Permissions: None granted.");
        } else {
            lines.add(" - Permissions Granted:");
            granted.forEach(permission -> lines.add("   - " + permission));
        }
        return String.join("\n", lines);
    }

    private String checkAppPermissions(String app) {
        AppPermissions permissions = d.apps.get(app);
        if (permissions == null) {
            return "App '" + app + "' not found on this phone.";
        }
        List<String> granted = permissions.granted();
        return granted.isEmpty() ? "App '" + app + "' currently has no permissions granted."
                : "App '" + app + "' has permission for: " + String.join(", ", granted) + ".";
    }

    private String grantAppPermission(String app, String permission) {
        String name = permission.toLowerCase(Locale.ROOT);
        String message;
        if (!d.apps.containsKey(app)) {
            message = "Error. App '" + app + "' not found. Cannot grant permission.";
        } else if (!setPermission(app, name, true)) {
            message = "Error. Permission '" + name + "' not tracked for app '" + app + "', available permissions: "
                    + AppPermissions.NAMES.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", ", "[", "]"));
        } else {
            message = "Success. Permission '" + name + "' granted to app '" + app + "'.";
        }
        return withStatusBar(message);
    }

    private String removeAppPermission(String app, String permission) {
        String name = permission.toLowerCase(Locale.ROOT);
        if (!d.apps.containsKey(app)) {
            return "App '" + app + "' not found. Cannot remove permission.";
        }
        return setPermission(app, name, false) ? "Permission '" + name + "' removed from app '" + app + "'."
                : "Permission '" + name + "' not tracked for app '" + app + "'.";
    }

    private boolean setPermission(String app, String permission, boolean allowed) {
        Optional<AppPermissions> changed = d.apps.get(app).with(permission, allowed);
        changed.ifPresent(permissions -> d.apps.put(app, permissions));
        return changed.isPresent();
    }

    // --- MMS ---

    private String canSendMmsText() {
        return canSendMms() ? "Your messaging app can send MMS messages."
                : "Your messaging app cannot send MMS messages.";
    }

    /**
     * MMS needs working mobile data on 3G or better, no MMS over Wi-Fi calling (the carrier does not support it), an
     * MMSC URL, and the messaging app with its SMS and storage permissions.
     */
    private boolean canSendMms() {
        if (!mobileDataWorking() || d.networkTechnologyConnected == NetworkTechnology.TWO_G) {
            return false;
        }
        if (d.wifiCallingEnabled && d.wifiCallingMmsOverWifi) {
            return false;
        }
        if (d.activeApnSettings.mmscUrl() == null) {
            return false;
        }
        AppPermissions messaging = d.apps.get("messaging");
        return messaging != null && messaging.storage() && messaging.sms();
    }

    // --- Device ---

    private String rebootDevice() {
        List<String> lines = new ArrayList<>();
        if (d.activeApnSettings.resetAtReboot()) {
            lines.add("Resetting APN settings...");
            d.activeApnSettings = ApnSettings.defaults();
        }
        lines.add("Restarting network services...");
        d.networkConnectionStatus = NetworkStatus.SEARCHING;
        simulateNetworkSearch();
        return withStatusBar(String.join("\n", lines));
    }

    /**
     * τ²'s network search: with an active SIM the phone connects on the technology its preference allows, at the
     * signal the surroundings have for it (4G/5G preferred falls back to 4G where there is no 5G); a missing or
     * locked SIM, airplane mode, a broken APN or an inactive line leave it with no service.
     */
    private void simulateNetworkSearch() {
        if (simStatus() == SimStatus.ACTIVE) {
            d.networkConnectionStatus = NetworkStatus.CONNECTED;
            NetworkTechnology technology = switch (d.networkModePreference) {
                case FOUR_G_5G_PREFERRED -> surroundings.signalOf(NetworkTechnology.FIVE_G) == SignalStrength.NONE
                        ? NetworkTechnology.FOUR_G : NetworkTechnology.FIVE_G;
                case FOUR_G_ONLY -> NetworkTechnology.FOUR_G;
                case THREE_G_ONLY -> NetworkTechnology.THREE_G;
                case TWO_G_ONLY -> NetworkTechnology.TWO_G;
            };
            d.networkTechnologyConnected = technology;
            d.networkSignalStrength = surroundings.signalOf(technology);
        } else {
            d.noService();
        }
        if (d.airplaneMode || d.activeApnSettings.apnName() == ApnName.BROKEN || !surroundings.lineActive()) {
            d.noService();
        }
    }

    // --- Payment request ---

    private String checkPaymentRequest() {
        PaymentRequest request = surroundings.paymentRequest();
        if (request == null) {
            return "No payment request has been made.";
        }
        return "You have a payment request for bill " + request.billId() + " of " + request.amountDue() + " USD.";
    }

    /** Marks the request paid on the phone; the harness then pays the bill through the account API. */
    private String makePayment() {
        PaymentRequest request = surroundings.paymentRequest();
        if (request == null) {
            return "You do not have a payment request.";
        }
        surroundings = surroundings.withPaymentRequest(request.asPaid());
        return "Payment of " + request.amountDue() + " USD has been made for bill " + request.billId() + ".";
    }

    /**
     * τ²'s {@code turn_..._on/off}: toggles once, and again when that left it the wrong way (so the network is searched
     * once or twice, as there).
     */
    private static void turn(boolean on, BooleanSupplier toggle) {
        if (toggle.getAsBoolean() != on) {
            toggle.getAsBoolean();
        }
    }

    private static String onOff(boolean on) {
        return on ? "ON" : "OFF";
    }

    private static String yesNo(boolean yes) {
        return yes ? "Yes" : "No";
    }
}
