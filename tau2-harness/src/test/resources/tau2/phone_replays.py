"""Writes phone-replays.json: what tau2-bench's own phone answers to a few scripted sessions.

PhoneReplayTest plays the same sessions on the Java port and expects every answer and the final state to match.
Run against sierra-research/tau2-bench@a2c024725189473d2d7cea3a5cfdbcc67478e41f (MIT), with src/ on PYTHONPATH:
    PYTHONPATH=<tau2-bench>/src python3 phone_replays.py > phone-replays.json
("sync" steps do what TelecomEnvironment.sync_tools in src/tau2/domains/telecom/environment.py does with the line's
facts, without its database.)
"""
import json

from tau2.domains.telecom.user_data_model import PaymentRequest, TelecomUserDB
from tau2.domains.telecom.user_tools import TelecomUserTools

SESSIONS = {
    "roaming abroad": [
        ("set_user_info", {"name": "John Smith", "phone_number": "555-123-2002"}),
        ("set_user_location", {"abroad": True}),
        ("turn_roaming_off", {}),
        ("sync", {"active": True, "roaming_allowed": False, "data_usage_exceeded": False}),
        ("run_speed_test", {}),
        ("check_network_status", {}),
        ("toggle_roaming", {}),
        ("assert_mobile_data_status", {"expected_status": True}),
        ("sync", {"active": True, "roaming_allowed": True, "data_usage_exceeded": False}),
        ("run_speed_test", {}),
        ("assert_internet_speed", {"expected_speed": 200, "expected_desc": "excellent"}),
        ("toggle_data_saver_mode", {}),
        ("run_speed_test", {}),
    ],
    "airplane mode": [
        ("turn_airplane_mode_on", {}),
        ("check_status_bar", {}),
        ("check_network_status", {}),
        ("toggle_wifi", {}),
        ("assert_service_status", {"expected_status": "no_service"}),
        ("toggle_airplane_mode", {}),
        ("toggle_wifi", {}),
        ("check_wifi_status", {}),
        ("assert_service_status", {"expected_status": "connected"}),
    ],
    "sim card": [
        ("unseat_sim_card", {}),
        ("check_sim_status", {}),
        ("check_status_bar", {}),
        ("reseat_sim_card", {}),
        ("lock_sim_card", {"mode": "pin"}),
        ("check_sim_status", {}),
        ("reboot_device", {}),
        ("assert_service_status", {"expected_status": "no_service"}),
    ],
    "apn settings": [
        ("break_apn_settings", {}),
        ("check_apn_settings", {}),
        ("check_network_status", {}),
        ("reset_apn_settings", {}),
        ("assert_service_status", {"expected_status": "connected"}),
        ("reboot_device", {}),
        ("check_apn_settings", {}),
        ("break_apn_mms_setting", {}),
        ("can_send_mms", {}),
        ("check_apn_settings", {}),
        ("set_apn_settings", {"apn_settings": {"apn_name": "internet", "mmsc_url": "http://mms.example/mms"}}),
        ("assert_can_send_mms", {"expected_status": True}),
    ],
    "slow data": [
        ("set_network_mode_preference", {"mode": "2g_only"}),
        ("run_speed_test", {}),
        ("turn_data_saver_mode_on", {}),
        ("break_vpn", {}),
        ("run_speed_test", {}),
        ("check_vpn_status", {}),
        ("check_data_restriction_status", {}),
        ("set_network_mode_preference", {"mode": "6g"}),
        ("check_network_mode_preference", {}),
        ("disconnect_vpn", {}),
        ("run_speed_test", {}),
        ("toggle_data_saver_mode", {}),
        ("set_network_mode_preference", {"mode": "3g_only"}),
        ("run_speed_test", {}),
        ("assert_internet_not_excellent", {}),
        ("set_network_mode_preference", {"mode": "4g_5g_preferred"}),
        ("run_speed_test", {}),
        ("turn_data_off", {}),
        ("check_status_bar", {}),
        ("toggle_data", {}),
        ("assert_internet_speed", {"expected_speed": 200, "expected_desc": "excellent"}),
    ],
    "mms": [
        ("set_wifi_calling", {"enabled": True, "mms_over_wifi": True}),
        ("can_send_mms", {}),
        ("check_wifi_calling_status", {}),
        ("remove_app_permission", {"app_name": "messaging", "permission": "sms"}),
        ("remove_app_permission", {"app_name": "messaging", "permission": "storage"}),
        ("check_app_status", {"app_name": "messaging"}),
        ("check_app_permissions", {"app_name": "messaging"}),
        ("grant_app_permission", {"app_name": "messaging", "permission": "SMS"}),
        ("grant_app_permission", {"app_name": "messaging", "permission": "camera"}),
        ("grant_app_permission", {"app_name": "camera", "permission": "storage"}),
        ("grant_app_permission", {"app_name": "messaging", "permission": "storage"}),
        ("toggle_wifi_calling", {}),
        ("can_send_mms", {}),
        ("check_installed_apps", {}),
        ("check_app_permissions", {"app_name": "maps"}),
        ("assert_can_send_mms", {"expected_status": True}),
    ],
    "line and bill": [
        ("sync", {"active": True, "roaming_allowed": False, "data_usage_exceeded": True,
                  "awaiting_payment": {"bill_id": "B1234321", "amount_due": 65.0}}),
        ("run_speed_test", {}),
        ("assert_mobile_data_usage_exceeded", {"expected_status": True}),
        ("check_payment_request", {}),
        ("make_payment", {}),
        ("check_payment_request", {}),
        ("sync", {"active": False, "roaming_allowed": False, "data_usage_exceeded": False}),
        ("check_payment_request", {}),
        ("make_payment", {}),
        ("check_status_bar", {}),
        ("reboot_device", {}),
        ("assert_service_status", {"expected_status": "no_service"}),
        ("sync", {"active": True, "roaming_allowed": False, "data_usage_exceeded": False}),
        ("toggle_airplane_mode", {}),
        ("toggle_airplane_mode", {}),
        ("assert_service_status", {"expected_status": "connected"}),
    ],
}


def sync(tools, facts):
    surroundings = tools.db.surroundings
    surroundings.line_active = facts["active"]
    surroundings.roaming_allowed = facts["roaming_allowed"]
    surroundings.mobile_data_usage_exceeded = facts["data_usage_exceeded"]
    if surroundings.payment_request is not None and surroundings.payment_request.paid:
        surroundings.payment_request = None
    awaiting = facts.get("awaiting_payment")
    if surroundings.payment_request is None and awaiting is not None:
        surroundings.payment_request = PaymentRequest(**awaiting)


def state(tools):
    device = tools.db.device
    return {
        "sim_card_status": device.sim_card_status.value,
        "sim_card_missing": device.sim_card_missing,
        "airplane_mode": device.airplane_mode,
        "network_signal_strength": device.network_signal_strength.value,
        "network_technology_connected": device.network_technology_connected.value,
        "network_connection_status": device.network_connection_status.value,
        "data_enabled": device.data_enabled,
        "roaming_enabled": device.roaming_enabled,
        "network_mode_preference": device.network_mode_preference.value,
        "apn_name": device.active_apn_settings.apn_name.value,
        "apn_reset_at_reboot": device.active_apn_settings.reset_at_reboot,
        "mmsc_url": device.active_apn_settings.mmsc_url,
        "wifi_enabled": device.wifi_enabled,
        "wifi_connected": device.wifi_connected,
        "wifi_calling_enabled": device.wifi_calling_enabled,
        "wifi_calling_mms_over_wifi": device.wifi_calling_mms_over_wifi,
        "data_saver_mode": device.data_saver_mode,
        "vpn_connected": device.vpn_connected,
        "apps": {name: status.permissions.model_dump() for name, status in device.app_statuses.items()},
    }


def play(steps):
    tools = TelecomUserTools(TelecomUserDB())
    answers = []
    for function, arguments in steps:
        if function == "sync":
            sync(tools, arguments)
            answer = None
        else:
            answer = getattr(tools, function)(**arguments)
            if isinstance(answer, tuple):  # remove_app_permission answers (success, message)
                answer = answer[1]
        answers.append({"function": function, "arguments": arguments, "answer": answer})
    return {"steps": answers, "final_state": state(tools)}


print(json.dumps({name: play(steps) for name, steps in SESSIONS.items()}, indent=1, ensure_ascii=False))
