package dev.switchboard.account.flow;

import java.util.List;

/**
 * One step of the tech-support workflow (tau2 telecom's tech_support_workflow.md): a question the customer answers by
 * looking at their phone, the answer that means something is wrong there, and what the customer does to fix it, one
 * action a turn. A check without a question ({@link #onAccount}) is decided on the account instead (suspension,
 * roaming on the line, data allowance); a check whose answer is a fact ({@link #fact}) fixes nothing but decides which
 * checks follow.
 *
 * <p>Option ids name what the customer sees ({@code airplane_mode:on}) or did ({@code do:toggle_airplane_mode}): a
 * click sends the id as the message's {@code choice}; typing the label's words works too.
 */
enum Check {

    SIGNAL("Please look at the status bar at the top of your phone's screen: does it show signal bars?",
            List.of(new Option("signal:yes", "Yes, I have signal"), new Option("signal:no", "No signal or No Service")),
            "signal:no", List.of()),
    AIRPLANE("Please check your phone's network status: is airplane mode on?",
            List.of(new Option("airplane_mode:on", "Airplane mode is on"),
                    new Option("airplane_mode:off", "Airplane mode is off")),
            "airplane_mode:on", List.of(new Option("do:toggle_airplane_mode", "Done, I turned airplane mode off"))),
    SIM("Please check your SIM card's status: is it active, missing, or locked with a PIN or PUK?",
            List.of(new Option("sim:active", "The SIM is active"), new Option("sim:missing", "The SIM is missing"),
                    new Option("sim:locked", "The SIM is locked")),
            "sim:missing", List.of(new Option("do:reseat_sim_card", "Done, I took the SIM out and put it back"))),
    APN(null, List.of(), null, List.of(new Option("do:reset_apn_settings", "Done, I reset the APN settings"),
            new Option("do:reboot_device", "Done, I restarted my phone"))),
    SUSPENSION(null, List.of(), null, List.of()),
    SPEED("Please run a speed test on your phone: what does it show?",
            List.of(new Option("speed:none", "No connection"), new Option("speed:slow", "Poor, fair or good speed"),
                    new Option("speed:excellent", "Excellent speed")),
            null, List.of()),
    ABROAD("Are you travelling outside your usual service area, abroad?",
            List.of(new Option("abroad:yes", "Yes, I am abroad"), new Option("abroad:no", "No, I am at home")),
            null, List.of()),
    ROAMING("Please check your network status: is data roaming on?",
            List.of(new Option("roaming:on", "Data roaming is on"), new Option("roaming:off", "Data roaming is off")),
            "roaming:off", List.of(new Option("do:toggle_roaming", "Done, I turned data roaming on"))),
    LINE_ROAMING(null, List.of(), null, List.of()),
    MOBILE_DATA("Please check your network status: is mobile data on?",
            List.of(new Option("mobile_data:on", "Mobile data is on"),
                    new Option("mobile_data:off", "Mobile data is off")),
            "mobile_data:off", List.of(new Option("do:toggle_data", "Done, I turned mobile data on"))),
    DATA_USAGE(null, List.of(), null, List.of()),
    DATA_SAVER("Please check your data restrictions: is Data Saver mode on?",
            List.of(new Option("data_saver:on", "Data Saver is on"), new Option("data_saver:off", "Data Saver is off")),
            "data_saver:on", List.of(new Option("do:toggle_data_saver_mode", "Done, I turned Data Saver off"))),
    NETWORK_MODE("Please check your network mode preference: which networks may your phone use?",
            List.of(new Option("network_mode:2g_3g", "Only 2G or 3G"),
                    new Option("network_mode:4g_5g", "4G or 5G")),
            "network_mode:2g_3g", List.of(new Option("do:set_network_mode_preference:4g_5g_preferred",
                    "Done, it now prefers 4G/5G"))),
    VPN("Please check your VPN status: is a VPN connected?",
            List.of(new Option("vpn:on", "A VPN is connected"), new Option("vpn:off", "No VPN is connected")),
            "vpn:on", List.of(new Option("do:disconnect_vpn", "Done, I disconnected the VPN"))),
    MMS("Please try to send a picture message (MMS) from your messaging app: does it go through?",
            List.of(new Option("mms:yes", "Yes, it was sent"), new Option("mms:no", "No, it fails")),
            null, List.of()),
    WIFI_CALLING("Please check: is Wi-Fi Calling on?",
            List.of(new Option("wifi_calling:on", "Wi-Fi Calling is on"),
                    new Option("wifi_calling:off", "Wi-Fi Calling is off")),
            "wifi_calling:on", List.of(new Option("do:toggle_wifi_calling", "Done, I turned Wi-Fi Calling off"))),
    SMS_PERMISSION("Please check the messaging app's permissions: may it send SMS?",
            List.of(new Option("permission:messaging:sms:yes", "Yes, it has the SMS permission"),
                    new Option("permission:messaging:sms:no", "No SMS permission")),
            "permission:messaging:sms:no", List.of(new Option("do:grant_app_permission:messaging:sms",
                    "Done, I allowed SMS"))),
    STORAGE_PERMISSION("Please check the messaging app's permissions: may it use storage?",
            List.of(new Option("permission:messaging:storage:yes", "Yes, it has the storage permission"),
                    new Option("permission:messaging:storage:no", "No storage permission")),
            "permission:messaging:storage:no", List.of(new Option("do:grant_app_permission:messaging:storage",
                    "Done, I allowed storage"))),
    APN_MMS("Please check your APN settings: is an MMSC URL (for picture messages) set?",
            List.of(new Option("apn_mmsc:set", "An MMSC URL is set"), new Option("apn_mmsc:missing", "No MMSC URL")),
            "apn_mmsc:missing", APN.fixes);

    /** A quick reply: {@code id} comes back as the message's {@code choice}. */
    record Option(String id, String label) {
    }

    static final Option CANNOT = new Option("cannot", "I can't do that");

    private final String question;
    private final List<Option> options;
    private final String wrong;
    private final List<Option> fixes;

    Check(String question, List<Option> options, String wrong, List<Option> fixes) {
        this.question = question;
        this.options = options;
        this.wrong = wrong;
        this.fixes = fixes;
    }

    String question() {
        return question;
    }

    List<Option> options() {
        return options;
    }

    /** The answer that means the phone needs fixing (null: the answer is a fact or the check has no question). */
    String wrong() {
        return wrong;
    }

    /** The customer's actions that fix what {@link #wrong} found, one a turn. */
    List<Option> fixes() {
        return fixes;
    }

    /** Decided on the account, not asked. */
    boolean onAccount() {
        return question == null && fixes.isEmpty();
    }

    /** Asked for what it tells about the problem (which checks follow), not to fix anything. */
    boolean fact() {
        return question != null && wrong == null;
    }

    /** The fact's name: the option ids' prefix ({@code signal} of {@code signal:no}). */
    String factName() {
        return options.get(0).id().substring(0, options.get(0).id().indexOf(':'));
    }

    /** What each fix asks the customer to do. */
    static String instruction(Option fix) {
        return switch (fix.id()) {
            case "do:toggle_airplane_mode" -> "Please turn airplane mode off.";
            case "do:reseat_sim_card" -> "Please take the SIM card out of your phone and put it back in.";
            case "do:reset_apn_settings" -> "Please reset your APN settings to the default settings.";
            case "do:reboot_device" -> "Now please restart your phone.";
            case "do:toggle_roaming" -> "Please turn data roaming on.";
            case "do:toggle_data" -> "Please turn mobile data on.";
            case "do:toggle_data_saver_mode" -> "Please turn Data Saver mode off.";
            case "do:set_network_mode_preference:4g_5g_preferred" ->
                    "Please set your network mode preference to 4G/5G preferred.";
            case "do:disconnect_vpn" -> "Please disconnect the VPN.";
            case "do:toggle_wifi_calling" -> "Please turn Wi-Fi Calling off.";
            case "do:grant_app_permission:messaging:sms" -> "Please allow the messaging app to send SMS.";
            case "do:grant_app_permission:messaging:storage" -> "Please allow the messaging app to use storage.";
            default -> throw new IllegalArgumentException("no instruction for " + fix.id());
        };
    }
}
