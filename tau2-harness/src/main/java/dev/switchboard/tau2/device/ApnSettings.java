package dev.switchboard.tau2.device;

import dev.switchboard.tau2.device.DeviceEnums.ApnName;

/** τ²'s {@code APNSettings}: the active access point of mobile data and MMS. */
public record ApnSettings(ApnName apnName, boolean resetAtReboot, String mmsApn, String mmscUrl, String mmsProxy,
        Integer mmsPort) {

    public static final String DEFAULT_MMSC_URL = "http://mms.carrier.com/mms/wapenc";

    public static ApnSettings defaults() {
        return new ApnSettings(ApnName.INTERNET, false, "mms", DEFAULT_MMSC_URL, null, null);
    }

    ApnSettings withApnName(ApnName name) {
        return new ApnSettings(name, resetAtReboot, mmsApn, mmscUrl, mmsProxy, mmsPort);
    }

    ApnSettings withResetAtReboot(boolean reset) {
        return new ApnSettings(apnName, reset, mmsApn, mmscUrl, mmsProxy, mmsPort);
    }

    ApnSettings withMmscUrl(String url) {
        return new ApnSettings(apnName, resetAtReboot, mmsApn, url, mmsProxy, mmsPort);
    }
}
