package dev.switchboard.tau2.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** τ²'s {@code AppPermissions}: the four permissions it tracks for an app, in its order. */
public record AppPermissions(boolean sms, boolean storage, boolean phone, boolean network) {

    static final List<String> NAMES = List.of("sms", "storage", "phone", "network");

    /** The permissions granted, by name, in τ²'s order. */
    List<String> granted() {
        List<String> granted = new ArrayList<>();
        boolean[] values = {sms, storage, phone, network};
        for (int i = 0; i < values.length; i++) {
            if (values[i]) {
                granted.add(NAMES.get(i));
            }
        }
        return granted;
    }

    /** These permissions with one set, or empty when τ² does not track that permission. */
    Optional<AppPermissions> with(String permission, boolean allowed) {
        return switch (permission) {
            case "sms" -> Optional.of(new AppPermissions(allowed, storage, phone, network));
            case "storage" -> Optional.of(new AppPermissions(sms, allowed, phone, network));
            case "phone" -> Optional.of(new AppPermissions(sms, storage, allowed, network));
            case "network" -> Optional.of(new AppPermissions(sms, storage, phone, allowed));
            default -> Optional.empty();
        };
    }
}
