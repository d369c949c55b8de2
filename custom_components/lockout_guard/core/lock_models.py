"""What a lock model settles by itself: a knowledge base matched from the registry.

Each row is one lock model, with the strings Home Assistant's integrations write
into the device registry for it (manufacturer, model, model id) and the facts that
decide how someone gets back in: design, key override, emergency power, keypad,
batteries, support, what a factory reset wipes. Facts are restated from the
sources each row names (device databases of Z-Wave JS, zigbee-herdsman-converters
and Battery Notes, the makers' support pages, a few reviews marked as such); a
fact no source gave stays ``None``, which the flows treat as "unknown".

Matching is exact after case and spacing are evened out: the manufacturer must be
one of the row's names (integrations use their own: "Allegion" for Schlage over
Z-Wave, "Poly-control" for Danalock, "Weiser" for some Kwikset), and the model or
model id one of its model strings, or start with one of its prefixes (cloud APIs
append finish codes: "BE479CEN619"). Nothing is guessed from a name alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
import re

from .models import Design, EmergencyPower, SmartKey


class ResetWipes(StrEnum):
    """What a factory reset of the lock erases (each a step of recovery)."""

    CODES = "codes"
    USERS = "users"
    SETTINGS = "settings"


@dataclass(frozen=True)
class Battery:
    """What goes in: how many cells of which kind (a pack has no count)."""

    count: int | None
    kind: str

    def __str__(self) -> str:
        """Count and kind ("4\u00d7 AA"), or the pack's name."""
        return self.kind if self.count is None else f"{self.count}\u00d7 {self.kind}"


@dataclass(frozen=True, kw_only=True)
class LockModel:
    """One lock model: how the registry names it and what it settles."""

    key: str
    name: str
    manufacturers: tuple[str, ...]
    models: tuple[str, ...] = ()
    model_prefixes: tuple[str, ...] = ()
    design: Design | None = None
    key_override: bool | None = None
    emergency_power: EmergencyPower | None = None
    keypad: bool | None = None
    battery: Battery | None = None
    support_url: str | None = None
    support_phone: str | None = None
    reset_wipes: frozenset[ResetWipes] | None = None
    sources: tuple[str, ...] = ()

    @property
    def smartkey(self) -> SmartKey | None:
        """Whether its cylinder is a Kwikset SmartKey one, where that is settled.

        SmartKey is Kwikset's (and its Weiser brand's) rekeyable cylinder: a lock
        with a cylinder of its own from another maker has none. Which generation a
        Kwikset cylinder is, and what cylinder a retrofit sits on, the model does
        not say.
        """
        if self.design is not Design.DEADBOLT_WITH_KEY:
            return None
        if any(maker in _KWIKSET for maker in self.manufacturers):
            return None
        return SmartKey.NO


_BATTERY_NOTES = "Battery Notes device library (library/library.json)"
_ZWAVE_JS = "Z-Wave JS device configuration files"
_Z2M = "zigbee-herdsman-converters device definitions"

_SCHLAGE = ("Schlage", "Allegion")
_SCHLAGE_SUPPORT = "https://kc.allegion.com"
_SCHLAGE_PHONE = "+1 888 805 9837"
_KWIKSET = ("Kwikset", "Weiser")
_KWIKSET_SUPPORT = "https://www.kwikset.com/support"
_YALE = ("Yale", "Yale Home Inc.")
_AUGUST = ("August Home Inc.", "August Home")
_NUKI = ("Nuki Home Solutions GmbH", "Nuki")
_NUKI_SUPPORT = "https://support.nuki.io"
_NUKI_RESET = frozenset({ResetWipes.CODES, ResetWipes.USERS, ResetWipes.SETTINGS})
_NUKI_SOURCES = (
    "nuki.io FAQ (retrofit over a euro cylinder; key works with an emergency cylinder)",
    "support.nuki.io: depleted batteries leave only knob and key",
    "support.nuki.io: factory reset deletes users and codes",
)
_ULTRALOQ = ("Ultraloq", "U-tec Group Inc.")
_ULTRALOQ_SUPPORT = "https://support.u-tec.com"
_LEVEL = ("Level Home",)
_LEVEL_SUPPORT = "https://usa.aviasmart.com"
_EUFY = ("eufy", "Eufy Security", "Anker")
_AQARA = ("Aqara",)
_SWITCHBOT = ("switchbot",)
_SWITCHBOT_SUPPORT = "https://support.switch-bot.com"
_TEDEE = ("Tedee", "Gerda")
_LOCKLY = ("Lockly",)
_WYZE = ("Wyze", "WyzeLabs")
_WYZE_SUPPORT = "https://support.wyze.com"

LOCK_MODELS: tuple[LockModel, ...] = (
    # Schlage (Allegion)
    LockModel(
        key="schlage_encode",
        name="Schlage Encode",
        manufacturers=_SCHLAGE,
        models=("BE489WB",),
        model_prefixes=("BE489",),
        design=Design.DEADBOLT_WITH_KEY,
        key_override=True,
        emergency_power=EmergencyPower.NONE,
        keypad=True,
        battery=Battery(4, "AA"),
        support_url=_SCHLAGE_SUPPORT,
        support_phone=_SCHLAGE_PHONE,
        sources=(
            _BATTERY_NOTES,
            "Schlage support: Encode locks cannot be jump-started",
            "Schlage Encode retail listing (backup key in the box)",
        ),
    ),
    LockModel(
        key="schlage_encode_plus",
        name="Schlage Encode Plus",
        manufacturers=_SCHLAGE,
        models=("BE499WB", "be499WB2"),
        model_prefixes=("BE499",),
        design=Design.DEADBOLT_WITH_KEY,
        key_override=True,
        emergency_power=EmergencyPower.NONE,
        keypad=True,
        battery=Battery(4, "AA"),
        support_url=_SCHLAGE_SUPPORT,
        support_phone=_SCHLAGE_PHONE,
        sources=(
            _BATTERY_NOTES,
            "Schlage support: Encode locks cannot be jump-started",
        ),
    ),
    LockModel(
        key="schlage_connect_be469",
        name="Schlage Connect BE469",
        manufacturers=_SCHLAGE,
        models=("BE469", "BE469NX"),
        keypad=True,
        battery=Battery(4, "AA"),
        support_url=_SCHLAGE_SUPPORT,
        support_phone=_SCHLAGE_PHONE,
        sources=(f"{_ZWAVE_JS}: 0x003b/be469.json", _BATTERY_NOTES),
    ),
    LockModel(
        key="schlage_connect_be469zp",
        name="Schlage Connect BE469ZP",
        manufacturers=_SCHLAGE,
        models=("BE469ZP",),
        keypad=True,
        battery=Battery(4, "AA"),
        support_url=_SCHLAGE_SUPPORT,
        support_phone=_SCHLAGE_PHONE,
        sources=(f"{_ZWAVE_JS}: 0x003b/be469zp.json", _BATTERY_NOTES),
    ),
    LockModel(
        key="schlage_connect_be468",
        name="Schlage Connect BE468",
        manufacturers=_SCHLAGE,
        models=("BE468ZP", "BE468", "Connect smart deadbolt"),
        keypad=True,
        battery=Battery(4, "AA"),
        support_url=_SCHLAGE_SUPPORT,
        support_phone=_SCHLAGE_PHONE,
        sources=(f"{_ZWAVE_JS}: 0x003b/be468zp.json", f"{_Z2M}: schlage.ts"),
    ),
    LockModel(
        key="schlage_sense",
        name="Schlage Sense",
        manufacturers=_SCHLAGE,
        model_prefixes=("BE479",),
        keypad=True,
        support_url="https://schlage-res.zendesk.com",
        sources=("Schlage support: manually programming the Sense BE479",),
    ),
    LockModel(
        key="schlage_fe599",
        name="Schlage FE599 Connected Keypad Lever",
        manufacturers=_SCHLAGE,
        models=("CKPD FE599",),
        model_prefixes=("FE599",),
        design=Design.DEADBOLT_WITH_KEY,
        key_override=True,
        keypad=True,
        battery=Battery(4, "AA"),
        support_url=_SCHLAGE_SUPPORT,
        support_phone=_SCHLAGE_PHONE,
        sources=(
            f"{_ZWAVE_JS}: 0x003b/fe599nx.json",
            "Schlage keypad locks user guide",
        ),
    ),
    # Kwikset (and Weiser, its Canadian brand)
    LockModel(
        key="kwikset_910",
        name="Kwikset SmartCode 910",
        manufacturers=_KWIKSET,
        models=(
            "910",
            "99100-045",
            "99100-006",
            "SMARTCODE_DEADBOLT_5",
            "SMARTCODE_DEADBOLT_5_L",
        ),
        battery=Battery(4, "AA"),
        support_url=_KWIKSET_SUPPORT,
        sources=(
            f"{_ZWAVE_JS}: 0x0090/910.json",
            f"{_Z2M}: kwikset.ts",
            _BATTERY_NOTES,
        ),
    ),
    LockModel(
        key="kwikset_912",
        name="Kwikset SmartCode 912",
        manufacturers=_KWIKSET,
        models=("912", "99120-021", "SMARTCODE_LEVER_5"),
        battery=Battery(4, "AA"),
        support_url=_KWIKSET_SUPPORT,
        sources=(
            f"{_ZWAVE_JS}: 0x0090/912.json",
            f"{_Z2M}: kwikset.ts",
            _BATTERY_NOTES,
        ),
    ),
    LockModel(
        key="kwikset_914",
        name="Kwikset SmartCode 914",
        manufacturers=_KWIKSET,
        models=("914",),
        battery=Battery(4, "AA"),
        support_url=_KWIKSET_SUPPORT,
        sources=(f"{_ZWAVE_JS}: 0x0090/914.json", _BATTERY_NOTES),
    ),
    LockModel(
        key="kwikset_914c",
        name="Kwikset 914C Convert",
        manufacturers=_KWIKSET,
        models=(
            "914C",
            "66492-001",
            "99140-139",
            "SMARTCODE_CONVERT_GEN1",
            "SMARTCODE_CONVERT_GEN1_W3",
        ),
        design=Design.RETROFIT,
        battery=Battery(4, "AA"),
        support_url=_KWIKSET_SUPPORT,
        sources=(
            f"{_ZWAVE_JS}: 0x0090/914c.json",
            f"{_Z2M}: kwikset.ts",
            _BATTERY_NOTES,
        ),
    ),
    LockModel(
        key="kwikset_916",
        name="Kwikset SmartCode 916",
        manufacturers=_KWIKSET,
        models=("916",),
        keypad=True,
        battery=Battery(4, "AA"),
        support_url=_KWIKSET_SUPPORT,
        sources=(f"{_ZWAVE_JS}: 0x0090/916.json", _BATTERY_NOTES),
    ),
    LockModel(
        key="kwikset_hc620",
        name="Kwikset Home Connect 620",
        manufacturers=_KWIKSET,
        models=("HC620",),
        battery=Battery(4, "AA"),
        support_url=_KWIKSET_SUPPORT,
        sources=(f"{_ZWAVE_JS}: 0x0090/hc620.json", _BATTERY_NOTES),
    ),
    LockModel(
        key="kwikset_888",
        name="Kwikset SmartCode 888",
        manufacturers=_KWIKSET,
        models=("SmartCode 888",),
        keypad=True,
        battery=Battery(4, "AA"),
        support_url=_KWIKSET_SUPPORT,
        sources=(f"{_ZWAVE_JS}: 0x0090/smartcode_888.json", _BATTERY_NOTES),
    ),
    LockModel(
        key="kwikset_halo",
        name="Kwikset Halo",
        manufacturers=_KWIKSET,
        models=("HALO-01",),
        battery=Battery(4, "AA"),
        support_url=_KWIKSET_SUPPORT,
        reset_wipes=frozenset({ResetWipes.CODES, ResetWipes.SETTINGS}),
        sources=(
            _BATTERY_NOTES,
            "kwikset.com battery life answer",
            "SlashGear Kwikset reset guide (review)",
        ),
    ),
    LockModel(
        key="kwikset_aura",
        name="Kwikset Aura",
        manufacturers=_KWIKSET,
        battery=Battery(4, "AA"),
        support_url=_KWIKSET_SUPPORT,
        reset_wipes=frozenset({ResetWipes.CODES, ResetWipes.SETTINGS}),
        sources=(
            "kwikset.com battery life answer",
            "SlashGear Kwikset reset guide (review)",
        ),
    ),
    LockModel(
        key="kwikset_obsidian",
        name="Kwikset Obsidian",
        manufacturers=_KWIKSET,
        models=("Obsidian 954", "GED2350"),
        design=Design.KEYLESS,
        key_override=False,
        emergency_power=EmergencyPower.NINE_VOLT_TERMINAL,
        keypad=True,
        support_url=_KWIKSET_SUPPORT,
        sources=(
            f"{_ZWAVE_JS}: 0x0090/obsidian_954.json, ged2350.json",
            "weiserlock.com Obsidian FAQ (9V terminals)",
            "smarthomeperfected.com (review: no key cylinder)",
        ),
    ),
    # Yale
    LockModel(
        key="yale_assure_yrd226",
        name="Yale Assure Lock touchscreen (keyed)",
        manufacturers=_YALE,
        models=(
            "YRD226 / YRC226 / YRC246 / YRD256 / YRC256 / YRD446",
            "YRD226-ZW3",
            "YRD226HA2619",
            "YRD226 TSDB",
        ),
        design=Design.DEADBOLT_WITH_KEY,
        key_override=True,
        keypad=True,
        battery=Battery(4, "AA"),
        sources=(
            f"{_ZWAVE_JS}: 0x0129/yrd226-zw3.json",
            f"{_Z2M}: yale.ts",
            _BATTERY_NOTES,
        ),
    ),
    LockModel(
        key="yale_assure_sl_yrd256",
        name="Yale Assure Lock SL (key-free)",
        manufacturers=_YALE,
        models=("YRD256-ZW3", "YRD256HA20BP", "YRD256 TSDB"),
        design=Design.KEYLESS,
        key_override=False,
        emergency_power=EmergencyPower.NINE_VOLT_TERMINAL,
        keypad=True,
        battery=Battery(4, "AA"),
        sources=(
            f"{_ZWAVE_JS}: 0x0129/yrd256-zw3.json",
            f"{_Z2M}: yale.ts",
            "ZDNET: unlocking the Assure Lock SL when the batteries die (review)",
        ),
    ),
    LockModel(
        key="yale_assure_2_keyed",
        name="Yale Assure Lock 2 (keyed)",
        manufacturers=_YALE,
        models=(
            "YRD420-ZW3",
            "YRD420-ZW2",
            "YRD410-ZW3",
            "YRD410-ZW2",
            "YRD420-BLE",
            "YRD410-BLE",
        ),
        design=Design.DEADBOLT_WITH_KEY,
        key_override=True,
        keypad=True,
        battery=Battery(4, "AA"),
        sources=(
            f"{_ZWAVE_JS}: 0x0129/yrd410, yrd420",
            f"{_Z2M}: yale.ts",
            _BATTERY_NOTES,
        ),
    ),
    LockModel(
        key="yale_assure_2_key_free",
        name="Yale Assure Lock 2 (key-free)",
        manufacturers=_YALE,
        models=(
            "YRD450-ZW3",
            "YRD430-ZW3",
            "YRD450-ZW2",
            "YRD430-ZW2",
            "YRD450-F-ZW3",
            "YRD450-BLE",
            "YRD430-BLE",
        ),
        design=Design.KEYLESS,
        key_override=False,
        keypad=True,
        battery=Battery(4, "AA"),
        sources=(
            f"{_ZWAVE_JS}: 0x0129/yrd430, yrd450, yrd4x0-f",
            f"{_Z2M}: yale.ts",
            _BATTERY_NOTES,
        ),
    ),
    LockModel(
        key="yale_linus",
        name="Yale Linus Smart Lock",
        manufacturers=_YALE,
        support_url="https://yalehome.com",
        sources=("yalehome.com Linus troubleshooting",),
    ),
    LockModel(
        key="yale_conexis_l1",
        name="Yale Conexis L1",
        manufacturers=_YALE,
        models=("SD-L1000-CH",),
        battery=Battery(4, "AA"),
        sources=(f"{_ZWAVE_JS}: 0x0129/sd-l1000-ch.json", _BATTERY_NOTES),
    ),
    LockModel(key="yale_conexis_l2", name="Yale Conexis L2", manufacturers=_YALE),
    LockModel(
        key="yale_unity_entrance",
        name="Yale Unity Entrance Lock",
        manufacturers=_YALE,
        emergency_power=EmergencyPower.USB,
        support_url="https://www.yalehome.com.au",
        sources=("yalehome.com.au Unity FAQ (USB-C port for a flat battery)",),
    ),
    LockModel(
        key="nest_x_yale",
        name="Google Nest x Yale Lock",
        manufacturers=("Google", "Google Nest"),
        emergency_power=EmergencyPower.NINE_VOLT_TERMINAL,
        keypad=True,
        battery=Battery(4, "AA"),
        support_url="https://support.google.com/googlenest",
        reset_wipes=frozenset({ResetWipes.CODES}),
        sources=(
            "Google Nest help: 9V contacts at the bottom of the lock",
            "Google Nest help: batteries (alkaline AA)",
            "Google Nest help: a reset erases every passcode",
        ),
    ),
    # August
    LockModel(
        key="august_wifi_4th_gen",
        name="August Wi-Fi Smart Lock (4th gen)",
        manufacturers=_AUGUST,
        models=("AUG-SL05-M01-S01", "AUG-SL05-M01-G01"),
        design=Design.RETROFIT,
        key_override=True,
        battery=Battery(2, "CR123A"),
        sources=(
            _BATTERY_NOTES,
            "smartlockadvice.com (review: the original key still works)",
        ),
    ),
    LockModel(
        key="august_pro_3rd_gen",
        name="August Smart Lock Pro (3rd gen)",
        manufacturers=_AUGUST,
        models=("ASL-03",),
        design=Design.RETROFIT,
        key_override=True,
        battery=Battery(4, "AA"),
        sources=(
            f"{_ZWAVE_JS}: 0x033f/asl-03.json",
            _BATTERY_NOTES,
            "smartlockadvice.com (review)",
        ),
    ),
    # Nuki
    LockModel(
        key="nuki_2",
        name="Nuki Smart Lock 1.0 / 2.0",
        manufacturers=_NUKI,
        models=("Nuki smart lock 1.0/2.0",),
        design=Design.RETROFIT,
        key_override=True,
        emergency_power=EmergencyPower.NONE,
        keypad=False,
        battery=Battery(4, "AA"),
        support_url=_NUKI_SUPPORT,
        reset_wipes=_NUKI_RESET,
        sources=(*_NUKI_SOURCES, _BATTERY_NOTES),
    ),
    LockModel(
        key="nuki_3",
        name="Nuki Smart Lock 3.0 (Pro)",
        manufacturers=_NUKI,
        models=("Nuki smart lock 3.0 (pro)",),
        design=Design.RETROFIT,
        key_override=True,
        emergency_power=EmergencyPower.NONE,
        keypad=False,
        battery=Battery(4, "AA"),
        support_url=_NUKI_SUPPORT,
        reset_wipes=_NUKI_RESET,
        sources=(*_NUKI_SOURCES, _BATTERY_NOTES),
    ),
    LockModel(
        key="nuki_3_pro",
        name="Nuki Smart Lock 3.0 Pro",
        manufacturers=_NUKI,
        models=("Smart Lock 3.0 Pro",),
        design=Design.RETROFIT,
        key_override=True,
        emergency_power=EmergencyPower.NONE,
        keypad=False,
        battery=Battery(None, "Nuki Power Pack (rechargeable)"),
        support_url=_NUKI_SUPPORT,
        reset_wipes=_NUKI_RESET,
        sources=(*_NUKI_SOURCES, _BATTERY_NOTES),
    ),
    LockModel(
        key="nuki_4",
        name="Nuki Smart Lock (4th gen)",
        manufacturers=_NUKI,
        design=Design.RETROFIT,
        key_override=True,
        emergency_power=EmergencyPower.NONE,
        keypad=False,
        support_url=_NUKI_SUPPORT,
        reset_wipes=_NUKI_RESET,
        sources=_NUKI_SOURCES,
    ),
    LockModel(
        key="nuki_pro_4",
        name="Nuki Smart Lock Pro (4th gen)",
        manufacturers=_NUKI,
        models=("Smart Lock Pro",),
        design=Design.RETROFIT,
        key_override=True,
        emergency_power=EmergencyPower.NONE,
        keypad=False,
        battery=Battery(None, "Nuki Power Pack (rechargeable)"),
        support_url=_NUKI_SUPPORT,
        reset_wipes=_NUKI_RESET,
        sources=(*_NUKI_SOURCES, _BATTERY_NOTES),
    ),
    LockModel(
        key="nuki_ultra",
        name="Nuki Smart Lock Ultra",
        manufacturers=_NUKI,
        models=("Smart Lock Ultra",),
        design=Design.RETROFIT,
        emergency_power=EmergencyPower.NONE,
        keypad=False,
        battery=Battery(None, "rechargeable (built in)"),
        support_url=_NUKI_SUPPORT,
        reset_wipes=_NUKI_RESET,
        sources=(*_NUKI_SOURCES, _BATTERY_NOTES),
    ),
    LockModel(
        key="nuki_opener",
        name="Nuki Opener (intercom, not a lock)",
        manufacturers=_NUKI,
        models=("Nuki opener",),
        keypad=False,
        battery=Battery(4, "AAA"),
        support_url=_NUKI_SUPPORT,
        reset_wipes=_NUKI_RESET,
        sources=(
            "pynuki package description (the Opener drives an intercom)",
            _BATTERY_NOTES,
        ),
    ),
    # Ultraloq (U-tec)
    LockModel(
        key="ultraloq_u_bolt",
        name="Ultraloq U-Bolt",
        manufacturers=_ULTRALOQ,
        keypad=True,
        support_url=_ULTRALOQ_SUPPORT,
        reset_wipes=frozenset({ResetWipes.USERS, ResetWipes.CODES}),
        sources=("support.ultraloq.com: a reset removes all users",),
    ),
    LockModel(
        key="ultraloq_u_bolt_pro",
        name="Ultraloq U-Bolt Pro",
        manufacturers=_ULTRALOQ,
        models=("U-BOLT-PRO-ZWAVE",),
        keypad=True,
        battery=Battery(4, "AA"),
        support_url=_ULTRALOQ_SUPPORT,
        reset_wipes=frozenset({ResetWipes.USERS, ResetWipes.CODES}),
        sources=(f"{_ZWAVE_JS}: 0x0452/u-bolt-pro-zwave.json", _BATTERY_NOTES),
    ),
    LockModel(
        key="ultraloq_bolt_fingerprint",
        name="Ultraloq Bolt Fingerprint (Matter)",
        manufacturers=_ULTRALOQ,
        models=("Ultraloq Bolt F Matter",),
        battery=Battery(8, "AA"),
        support_url=_ULTRALOQ_SUPPORT,
        reset_wipes=frozenset({ResetWipes.USERS, ResetWipes.CODES}),
        sources=(_BATTERY_NOTES, "support.ultraloq.com: a reset removes all users"),
    ),
    # Level
    LockModel(
        key="level_bolt",
        name="Level Bolt",
        manufacturers=_LEVEL,
        models=("Level Bolt (Matter)",),
        design=Design.RETROFIT,
        key_override=True,
        battery=Battery(1, "CR2"),
        support_url=_LEVEL_SUPPORT,
        sources=(
            _BATTERY_NOTES,
            "aviasmart.com battery life",
            "smarthomeu.com (review)",
        ),
    ),
    LockModel(
        key="level_touch",
        name="Level Lock Touch Edition",
        manufacturers=_LEVEL,
        battery=Battery(1, "CR2"),
        support_url=_LEVEL_SUPPORT,
        sources=("aviasmart.com battery life",),
    ),
    LockModel(
        key="level_lock_plus",
        name="Level Lock+",
        manufacturers=_LEVEL,
        battery=Battery(1, "CR2"),
        support_url=_LEVEL_SUPPORT,
        sources=("aviasmart.com battery life",),
    ),
    # eufy
    LockModel(
        key="eufy_c210",
        name="eufy Smart Lock C210",
        manufacturers=_EUFY,
        keypad=True,
        sources=("eufy support: C210 passcodes and fingerprints",),
    ),
    LockModel(key="eufy_e110", name="eufy Smart Lock E110", manufacturers=_EUFY),
    LockModel(key="eufy_s330", name="eufy Video Smart Lock S330", manufacturers=_EUFY),
    # Aqara
    LockModel(
        key="aqara_u100",
        name="Aqara Smart Lock U100",
        manufacturers=_AQARA,
        models=("Aqara Smart Lock U100",),
        battery=Battery(4, "AA"),
        sources=(_BATTERY_NOTES,),
    ),
    LockModel(
        key="aqara_u200",
        name="Aqara Smart Lock U200",
        manufacturers=_AQARA,
        models=("Aqara Smart Lock U200", "10242"),
        design=Design.RETROFIT,
        key_override=True,
        keypad=True,
        battery=Battery(None, "rechargeable pack (an AA adapter is included)"),
        support_url="https://forum.aqara.com",
        sources=(
            "Home Assistant Matter test fixture aqara_u200.json",
            "Aqara forum U200 guide",
            "reversetobuild.com teardown (review)",
        ),
    ),
    LockModel(
        key="aqara_u300",
        name="Aqara Smart Lock U300",
        manufacturers=_AQARA,
        models=("Aqara Smart Lock U300",),
        battery=Battery(4, "AA"),
        sources=(_BATTERY_NOTES,),
    ),
    LockModel(key="aqara_a100", name="Aqara Smart Lock A100", manufacturers=_AQARA),
    # SwitchBot
    LockModel(
        key="switchbot_lock",
        name="SwitchBot Lock",
        manufacturers=_SWITCHBOT,
        models=("WoLock",),
        emergency_power=EmergencyPower.NONE,
        battery=Battery(2, "CR123A"),
        support_url=_SWITCHBOT_SUPPORT,
        sources=(
            "Home Assistant switchbot integration",
            "SwitchBot support: low battery",
        ),
    ),
    LockModel(
        key="switchbot_lock_pro",
        name="SwitchBot Lock Pro",
        manufacturers=_SWITCHBOT,
        models=("WoLockPro", "Smart Lock Pro"),
        battery=Battery(4, "AA"),
        support_url=_SWITCHBOT_SUPPORT,
        sources=(_BATTERY_NOTES, "SwitchBot support: Lock Pro rechargeable batteries"),
    ),
    LockModel(
        key="switchbot_lock_ultra",
        name="SwitchBot Lock Ultra",
        manufacturers=_SWITCHBOT,
        models=("Lock Ultra",),
        design=Design.RETROFIT,
        key_override=True,
        battery=Battery(None, "rechargeable main and backup packs"),
        support_url=_SWITCHBOT_SUPPORT,
        reset_wipes=frozenset(
            {ResetWipes.CODES, ResetWipes.USERS, ResetWipes.SETTINGS}
        ),
        sources=(
            "SwitchBot Lock Ultra manual",
            "SwitchBot support: installing Lock Ultra",
        ),
    ),
    # Tedee
    LockModel(
        key="tedee_go",
        name="Tedee GO",
        manufacturers=_TEDEE,
        models=("Tedee GO",),
        design=Design.RETROFIT,
        key_override=True,
        battery=Battery(3, "CR123A"),
        sources=("Tedee GO user manual", _BATTERY_NOTES),
    ),
    LockModel(
        key="tedee_pro",
        name="Tedee PRO",
        manufacturers=_TEDEE,
        models=("Tedee PRO",),
        battery=Battery(None, "rechargeable (built in)"),
        sources=(_BATTERY_NOTES,),
    ),
    # Danalock (Poly-control)
    LockModel(
        key="danalock_v3",
        name="Danalock V3",
        manufacturers=("Poly-control", "Danalock"),
        models=(
            "Danalock V3-BTZE",
            "V3-BTZB/V3-BTZBE",
            "V3-BTZB",
            "V3-BTZBE",
            "BT/ZB smartlock",
        ),
        battery=Battery(4, "CR123A"),
        sources=(
            f"{_ZWAVE_JS}: 0x010e/danalock_v3-btze.json",
            f"{_Z2M}: danalock.ts",
            _BATTERY_NOTES,
        ),
    ),
    # ID Lock
    LockModel(
        key="id_lock_150",
        name="ID Lock 150 / 202",
        manufacturers=("ID Lock AS", "Datek"),
        models=("ID-150", "0402946", "ID Lock 150", "ID Lock 202"),
        battery=Battery(8, "AA"),
        sources=(
            f"{_ZWAVE_JS}: 0x0373/id-150.json",
            f"{_Z2M}: datek.ts",
            _BATTERY_NOTES,
        ),
    ),
    LockModel(key="igloohome", name="igloohome", manufacturers=("igloohome",)),
    # Lockly
    LockModel(
        key="lockly_guard",
        name="Lockly Guard",
        manufacturers=_LOCKLY,
        models=("PGD238",),
        model_prefixes=("PGD238",),
        key_override=True,
        emergency_power=EmergencyPower.NINE_VOLT_TERMINAL,
        keypad=True,
        support_url="https://lockly.com",
        sources=("Lockly Guard user manual",),
    ),
    LockModel(
        key="lockly_secure_pro",
        name="Lockly Secure Pro",
        manufacturers=_LOCKLY,
        models=("PGD728F",),
        model_prefixes=("PGD728",),
        keypad=True,
        support_url="https://lockly.com",
        sources=("Lockly Secure Pro use and care manual",),
    ),
    # Wyze
    LockModel(
        key="wyze_lock",
        name="Wyze Lock",
        manufacturers=_WYZE,
        models=("WLCKG1", "YD.LO1", "Ford"),
        design=Design.RETROFIT,
        key_override=True,
        battery=Battery(4, "AA"),
        support_url=_WYZE_SUPPORT,
        sources=(f"{_Z2M}: wyze.ts", _BATTERY_NOTES, "Wyze forum (community)"),
    ),
    LockModel(
        key="wyze_lock_bolt",
        name="Wyze Lock Bolt",
        manufacturers=_WYZE,
        design=Design.KEYLESS,
        key_override=False,
        keypad=True,
        battery=Battery(4, "AA"),
        support_url=_WYZE_SUPPORT,
        sources=(
            "Wyze forum (community)",
            "Wyze support: one-time codes",
            "poweringautos.com (review)",
        ),
    ),
    LockModel(
        key="bosch_door_lock",
        name="Bosch Smart Home door lock",
        manufacturers=("Bosch",),
    ),
    # Ring makes keypads, no lock: listed so that a Ring keypad is never taken for one.
    LockModel(key="ring", name="Ring (no Ring lock exists)", manufacturers=("Ring",)),
    LockModel(
        key="philips_easykey_7000",
        name="Philips EasyKey 7000 series",
        manufacturers=("Philips",),
        models=("DDL702-8HWS",),
        design=Design.COMMERCIAL,
        key_override=True,
        keypad=True,
        sources=("Philips DDL702 manual (retailer copy)",),
    ),
)

_SPACES = re.compile(r"\s+")


def _even(text: str | None) -> str:
    return _SPACES.sub(" ", (text or "").strip()).casefold()


def _index(models: Iterable[LockModel]) -> dict[tuple[str, str], LockModel]:
    index: dict[tuple[str, str], LockModel] = {}
    for model in models:
        for manufacturer in model.manufacturers:
            for name in model.models:
                # The first row wins; a test keeps the strings unique.
                index.setdefault((_even(manufacturer), _even(name)), model)
    return index


_EXACT = _index(LOCK_MODELS)


def match_lock_model(
    manufacturer: str | None, model: str | None, model_id: str | None = None
) -> LockModel | None:
    """The knowledge base's row for a device, or None when it is not known.

    The model id is tried first (Zigbee2MQTT and Matter put the precise one
    there), then the model, then the prefixes.
    """
    maker = _even(manufacturer)
    if not maker:
        return None
    for name in (model_id, model):
        if name and (found := _EXACT.get((maker, _even(name)))) is not None:
            return found
    for candidate in (model_id, model):
        name = _even(candidate)
        if not name:
            continue
        for row in LOCK_MODELS:
            if maker in (_even(alias) for alias in row.manufacturers) and any(
                name.startswith(_even(prefix)) for prefix in row.model_prefixes
            ):
                return row
    return None
