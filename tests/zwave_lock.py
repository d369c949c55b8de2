"""The real zwave_js integration around a simulated Z-Wave JS server.

As Home Assistant core's own zwave_js tests do: the integration's ``ZwaveClient``
is replaced by an autospec mock whose driver is the real ``zwave_js_server``
Driver, built from a controller state and one lock node: a Schlage BE469
deadbolt (Door Lock, User Code, Notification, Battery command classes) whose
User Code values say which slots are in use. Slot codes are set to KNOWN_PIN.
"""

from __future__ import annotations

import asyncio
from collections.abc import Generator
from typing import Any
from unittest.mock import AsyncMock, patch

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from zwave_js_server.const.command_class.notification import (
    AccessControlNotificationEvent,
)
from zwave_js_server.event import Event
from zwave_js_server.model.driver import Driver
from zwave_js_server.model.node import Node
from zwave_js_server.model.version import VersionInfo

from .code_sources import KNOWN_PIN

HOME_ID = 3967664146
NODE_ID = 20
SLOTS = 6

_DEVICE_CLASS = {
    "basic": {"key": 4, "label": "Routing Slave"},
    "generic": {"key": 64, "label": "Entry Control"},
    "specific": {"key": 3, "label": "Secure Keypad Door Lock"},
    "mandatorySupportedCCs": [32, 98, 99, 114, 152, 134],
    "mandatoryControlledCCs": [],
}

_COMMAND_CLASSES = [
    {"id": 98, "name": "Door Lock", "version": 2, "isSecure": True},
    {"id": 99, "name": "User Code", "version": 1, "isSecure": True},
    {"id": 113, "name": "Notification", "version": 8, "isSecure": True},
    {"id": 128, "name": "Battery", "version": 1, "isSecure": True},
    {"id": 114, "name": "Manufacturer Specific", "version": 2, "isSecure": False},
    {"id": 134, "name": "Version", "version": 2, "isSecure": False},
]


def _value(
    cc: int, cc_name: str, prop: str, value: Any, metadata: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    return {
        "endpoint": 0,
        "commandClass": cc,
        "commandClassName": cc_name,
        "property": prop,
        "propertyName": prop,
        "ccVersion": next(c["version"] for c in _COMMAND_CLASSES if c["id"] == cc),
        "metadata": {"readable": True, "writeable": False, **metadata},
        "value": value,
        **extra,
    }


def _user_code_values(in_use: list[bool | None]) -> list[dict[str, Any]]:
    values = []
    for slot, used in enumerate(in_use, start=1):
        status = None if used is None else (1 if used else 0)
        values.append(
            _value(
                99,
                "User Code",
                "userIdStatus",
                status,
                {
                    "type": "number",
                    "writeable": True,
                    "label": f"User ID status ({slot})",
                    "states": {"0": "Available", "1": "Enabled", "2": "Disabled"},
                },
                propertyKey=slot,
                propertyKeyName=str(slot),
            )
        )
        values.append(
            _value(
                99,
                "User Code",
                "userCode",
                KNOWN_PIN if used else "",
                {
                    "type": "string",
                    "writeable": True,
                    "minLength": 4,
                    "maxLength": 10,
                    "label": f"User Code ({slot})",
                },
                propertyKey=slot,
                propertyKeyName=str(slot),
            )
        )
    return values


def be469_state(in_use: list[bool | None]) -> dict[str, Any]:
    """The node state the server sends for a BE469 with these code slots."""
    return {
        "nodeId": NODE_ID,
        "index": 0,
        "status": 4,
        "ready": True,
        "isListening": False,
        "isFrequentListening": "1000ms",
        "isRouting": True,
        "isSecure": True,
        "isControllerNode": False,
        "keepAwake": False,
        "manufacturerId": 59,
        "productId": 20548,
        "productType": 25409,
        "firmwareVersion": "113.22",
        "name": "Front Door",
        "location": "",
        "label": "BE469",
        "interviewStage": "Complete",
        "deviceClass": _DEVICE_CLASS,
        "deviceConfig": {
            "filename": "/data/db/devices/0x003b/be469.json",
            "isEmbedded": True,
            "manufacturer": "Allegion",
            "manufacturerId": 59,
            "label": "BE469",
            "description": "Touchscreen Deadbolt",
            "devices": [{"productType": 25409, "productId": 20548}],
            "firmwareVersion": {"min": "0.0", "max": "255.255"},
            "paramInformation": {"_map": {}},
        },
        "endpoints": [
            {
                "nodeId": NODE_ID,
                "index": 0,
                "installerIcon": 768,
                "userIcon": 768,
                "deviceClass": _DEVICE_CLASS,
                "commandClasses": _COMMAND_CLASSES,
            }
        ],
        "values": [
            _value(
                98,
                "Door Lock",
                "currentMode",
                255,
                {
                    "type": "number",
                    "min": 0,
                    "max": 255,
                    "label": "Current lock mode",
                    "states": {"0": "Unsecured", "255": "Secured"},
                },
            ),
            _value(
                98,
                "Door Lock",
                "targetMode",
                255,
                {
                    "type": "number",
                    "writeable": True,
                    "min": 0,
                    "max": 255,
                    "label": "Target lock mode",
                    "states": {"0": "Unsecured", "255": "Secured"},
                },
            ),
            _value(
                128,
                "Battery",
                "level",
                90,
                {
                    "type": "number",
                    "min": 0,
                    "max": 100,
                    "unit": "%",
                    "label": "Battery level",
                },
            ),
            *_user_code_values(in_use),
        ],
    }


def controller_state() -> dict[str, Any]:
    """A controller with no other node than the lock (added by the test)."""
    return {
        "controller": {
            "homeId": HOME_ID,
            "ownNodeId": 1,
            "isPrimary": True,
            "isSUC": True,
            "nodeType": 0,
            "status": 0,
            "inclusionState": 0,
            "isRebuildingRoutes": False,
            "sdkVersion": "7.19.1",
            "type": 7,
            "firmwareVersion": "7.19.1",
            "manufacturerId": 134,
            "productType": 1,
            "productId": 90,
            "supportedFunctionTypes": [],
            "sucNodeId": 1,
            "supportsTimers": False,
            "statistics": {
                "messagesTX": 0,
                "messagesRX": 0,
                "messagesDroppedRX": 0,
                "NAK": 0,
                "CAN": 0,
                "timeoutACK": 0,
                "timeoutResponse": 0,
                "timeoutCallback": 0,
                "messagesDroppedTX": 0,
            },
        },
        "nodes": [],
    }


def _driver(client: Any) -> Driver:
    log_config = {
        "enabled": True,
        "level": "info",
        "logToFile": False,
        "filename": "",
        "forceConsole": False,
    }
    return Driver(client, controller_state(), log_config)  # type: ignore[arg-type]


def mock_server_client() -> Generator[Any]:
    """Patch the integration's client with a connected autospec mock."""
    with patch(
        "homeassistant.components.zwave_js.ZwaveClient", autospec=True
    ) as client_class:
        client = client_class.return_value

        async def connect() -> None:
            await asyncio.sleep(0)
            client.connected = True

        async def listen(driver_ready: asyncio.Event) -> None:
            driver_ready.set()
            await asyncio.Event().wait()

        async def disconnect() -> None:
            client.connected = False

        client.connect = AsyncMock(side_effect=connect)
        client.listen = AsyncMock(side_effect=listen)
        client.disconnect = AsyncMock(side_effect=disconnect)
        client.driver = _driver(client)
        client.version = VersionInfo.from_message(
            {
                "type": "version",  # type: ignore[typeddict-unknown-key]
                "driverVersion": "14.3.7",
                "serverVersion": "1.40.0",
                "homeId": HOME_ID,
                "minSchemaVersion": 0,
                "maxSchemaVersion": 40,
            }
        )
        client.ws_server_url = "ws://test:3000/zjs"
        client.async_send_command.return_value = {}
        yield client


def add_be469(client: Any, in_use: list[bool | None]) -> Node:
    """Put the lock node on the network."""
    node = Node(client, be469_state(in_use))  # type: ignore[arg-type]
    client.driver.controller.nodes[node.node_id] = node
    return node


async def setup_zwave_js(hass: HomeAssistant) -> MockConfigEntry:
    """Set up the real zwave_js integration against the mocked server."""
    entry = MockConfigEntry(
        domain="zwave_js", data={"url": "ws://test.org"}, unique_id=str(HOME_ID)
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


def set_slot(node: Node, slot: int, *, in_use: bool) -> None:
    """The lock reports a slot's status changed (a value updated event)."""
    node.receive_event(
        Event(
            "value updated",
            {
                "source": "node",
                "event": "value updated",
                "nodeId": NODE_ID,
                "args": {
                    "commandClassName": "User Code",
                    "commandClass": 99,
                    "endpoint": 0,
                    "property": "userIdStatus",
                    "propertyKey": slot,
                    "propertyKeyName": str(slot),
                    "newValue": 1 if in_use else 0,
                    "prevValue": 0 if in_use else 1,
                    "propertyName": "userIdStatus",
                },
            },
        )
    )


def user_code_notification(node: Node, event: AccessControlNotificationEvent) -> None:
    """The lock notifies that users or codes changed (an Access Control event)."""
    node.receive_event(
        Event(
            "notification",
            {
                "source": "node",
                "event": "notification",
                "nodeId": NODE_ID,
                "endpointIndex": 0,
                "ccId": 113,
                "args": {
                    "type": 6,
                    "event": event.value,
                    "label": "Access Control",
                    "eventLabel": event.name.replace("_", " ").capitalize(),
                    "parameters": {"userId": 3},
                },
            },
        )
    )
