"""Z-Wave Notification CC, Access Control: the events Lockout Guard listens to.

Home Assistant's zwave_js integration fires ``zwave_js_notification`` with the
node's ``device_id``, ``command_class``, ``type`` and ``event``. The numbers are
the Z-Wave specification's (zwave_js_server ``AccessControlNotificationEvent``);
they are spelled out here because the library only comes with zwave_js.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

NOTIFICATION_EVENT = "zwave_js_notification"
COMMAND_CLASS_NOTIFICATION = 113
ACCESS_CONTROL = 6

LOCK_STATE_LOCK_JAMMED = 11
ALL_USER_CODES_DELETED = 12
SINGLE_USER_CODE_DELETED = 13
NEW_USER_CODE_ADDED = 14
ALL_USERS_DELETED = 37
MULTIPLE_CREDENTIALS_DELETED = 38
USER_ADDED = 39
USER_MODIFIED = 40
USER_DELETED = 41
CREDENTIAL_ADDED = 43
CREDENTIAL_MODIFIED = 44
CREDENTIAL_DELETED = 45

# Older locks report user codes (12-14); User Credential CC locks report users
# and credentials (37-45). A factory reset comes as 12 or 37.
USERS_OR_CODES_CHANGED = frozenset(
    {
        ALL_USER_CODES_DELETED,
        SINGLE_USER_CODE_DELETED,
        NEW_USER_CODE_ADDED,
        ALL_USERS_DELETED,
        MULTIPLE_CREDENTIALS_DELETED,
        USER_ADDED,
        USER_MODIFIED,
        USER_DELETED,
        CREDENTIAL_ADDED,
        CREDENTIAL_MODIFIED,
        CREDENTIAL_DELETED,
    }
)


def is_access_control(data: Mapping[str, Any], events: frozenset[int]) -> bool:
    """Whether a zwave_js_notification is one of these Access Control events."""
    return (
        data.get("command_class") == COMMAND_CLASS_NOTIFICATION
        and data.get("type") == ACCESS_CONTROL
        and data.get("event") in events
    )
