package dev.switchboard.tau2.device;

import dev.switchboard.tau2.device.DeviceEnums.PerformanceLevel;

/** τ²'s {@code VpnDetails}: the tunnel of a connected VPN. */
public record VpnDetails(String serverAddress, String protocol, PerformanceLevel serverPerformance) {

    /** What {@code connect_vpn} connects to ({@code TelecomUserTools.default_vpn_details}). */
    static VpnDetails defaults() {
        return new VpnDetails("192.168.1.1", "OpenVPN", PerformanceLevel.EXCELLENT);
    }

    /** As τ²'s {@code check_vpn_status} prints the details: the Python repr of their pydantic dump. */
    String describe() {
        return "{'server_address': '" + serverAddress + "', 'protocol': '" + protocol
                + "', 'server_performance': <PerformanceLevel." + serverPerformance.name() + ": '"
                + serverPerformance.value() + "'>}";
    }
}
