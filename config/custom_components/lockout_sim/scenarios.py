"""The simulated locks: one per kind of finding Lockout Guard should show."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, kw_only=True)
class Scenario:
    """A lock as it starts, and the facts its owner would tell Lockout Guard."""

    key: str  # object id of the lock entity and the device identifier
    name: str
    manufacturer: str
    model: str
    model_id: str
    state: str = "locked"
    battery: int | None = None  # battery sensor in %
    battery_low: bool | None = None  # battery binary sensor only (low flag)
    offline_after: float | None = None  # seconds after start until unavailable
    removed_after: float | None = (
        None  # seconds after start until the entity is deleted
    )
    monitored: bool = True  # False: left for Lockout Guard to find (new_lock_found)
    # Code slots with an active code in a Keymaster (stand-in) managing the lock.
    keymaster_active_slots: int | None = None
    codes_reset_after: float | None = None  # seconds until every slot goes off
    jam_after: float | None = None  # seconds until the device's event entity
    # reports a jam, while the lock state stays what it was
    facts: dict[str, Any] = field(default_factory=dict)  # lock subentry data


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        key="front_door",
        name="Front Door",
        manufacturer="Nuki Home Solutions GmbH",
        model="Nuki smart lock 3.0 (pro)",
        model_id="",
        battery=92,
        facts={
            "main_entrance": False,
            "design": "retrofit",
            "key_override": True,
            "keyway": "standard",
            "key_location": "trusted_person",
            "emergency_power": "none",
            "backup_pin": "yes",
            "app_users": 2,
            "model_number": "Nuki smart lock 3.0 (pro)",
            "support_phone": "+49 316 232 000",
            "locksmith_contact": "Schlüsseldienst Mitte, +49 30 1234 5678",
        },
    ),
    Scenario(
        key="back_door",
        name="Back Door",
        manufacturer="Yale",
        model="YRD420-ZW3",
        model_id="",
        battery=25,
        # Keymaster counts its codes (no backup PIN or app users declared): three,
        # until a simulated factory reset empties every slot.
        keymaster_active_slots=3,
        codes_reset_after=120,
        facts={
            "design": "deadbolt_with_key",
            "key_override": True,
            "key_location": "hidden_outside",
        },
    ),
    Scenario(
        key="garage_door",
        name="Garage Door",
        manufacturer="Schlage",
        model="BE499WB",
        model_id="",
        battery=8,
        keymaster_active_slots=1,  # a counted single code: no backup PIN
        facts={
            "design": "deadbolt_with_key",
            "key_override": True,
            "key_location": "inside_only",
            "app_users": 1,
        },
    ),
    Scenario(
        key="patio_door",
        name="Patio Door",
        manufacturer="switchbot",
        model="WoLockPro",
        model_id="",
        state="jammed",
        battery=71,
        facts={
            "design": "commercial",
            "key_override": True,
            "keyway": "restricted",
            "key_location": "offsite",
        },
    ),
    Scenario(
        key="main_entrance",
        name="Main Entrance",
        manufacturer="Yale",
        model="YRD450-ZW3",
        model_id="",
        battery=84,
        facts={
            "main_entrance": True,
            "design": "keyless",
            "key_override": False,
            "key_location": "none",
            "emergency_power": "9v_terminal",
            "backup_pin": "no",
            "app_users": 1,
        },
    ),
    Scenario(
        key="terrace_door",
        name="Terrace Door",
        # A model the knowledge base does not know (as Battery Notes lists it).
        manufacturer="Level Home",
        model="Level Lock Pro",
        model_id="4",
        battery=88,
        jam_after=60,
        facts={
            "design": "retrofit",
            "key_override": True,
            "keyway": "standard",
            "key_location": "trusted_person",
            "backup_pin": "yes",
            "app_users": 2,
            "model_number": "Level Lock Pro",
            "support_phone": "+1 555 010 0199",
        },
    ),
    Scenario(
        key="shed_door",
        name="Shed Door",
        manufacturer="Tedee",
        model="Tedee GO",
        model_id="Tedee GO",
        battery=60,
        offline_after=60,
    ),
    Scenario(
        key="side_gate",
        name="Side Gate",
        manufacturer="Nuki Home Solutions GmbH",
        model="Nuki opener",
        model_id="",
        battery_low=True,
    ),
    Scenario(
        key="cellar_door",
        name="Cellar Door",
        manufacturer="Aqara",
        model="Aqara Smart Lock U200",
        model_id="10242",
        battery=77,
        removed_after=90,
    ),
    Scenario(
        key="garden_gate",
        name="Garden Gate",
        manufacturer="Ultraloq",
        model="U-BOLT-PRO-ZWAVE",
        model_id="",
        battery=66,
        monitored=False,
    ),
)
