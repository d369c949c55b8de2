"""The lock knowledge base: each registry naming finds its model, and only it."""

from __future__ import annotations

import pytest

from custom_components.lockout_guard.core.lock_models import (
    LOCK_MODELS,
    ResetWipes,
    match_lock_model,
)
from custom_components.lockout_guard.core.models import Design, EmergencyPower, SmartKey

# (manufacturer, model, model id) as the integrations write them → the row's key.
MATCHES = [
    # Z-Wave JS names Schlage by its parent company.
    (("Allegion", "BE469ZP", None), "schlage_connect_be469zp"),
    (("Allegion", "BE469", None), "schlage_connect_be469"),
    (("Allegion", "CKPD FE599", None), "schlage_fe599"),
    # The Schlage cloud API appends finish codes to the model.
    (("Schlage", "BE479CEN619", None), "schlage_sense"),
    (("Schlage", "BE489WB", None), "schlage_encode"),
    (("Kwikset", "910", None), "kwikset_910"),
    (("Kwikset", "Obsidian 954", None), "kwikset_obsidian"),
    (("Weiser", "GED2350", None), "kwikset_obsidian"),
    # Zigbee2MQTT: vendor, description, and the vendor's model as the model id.
    (
        ("Kwikset", "910 SmartCode traditional electronic deadbolt", "99100-045"),
        "kwikset_910",
    ),
    (("Yale", "Assure lock", "YRD226HA2619"), "yale_assure_yrd226"),
    (("Yale", "Assure lock SL", "YRD256HA20BP"), "yale_assure_sl_yrd256"),
    (("Yale", "Assure lock 2", "YRD450-BLE"), "yale_assure_2_key_free"),
    (("Yale", "Assure lock 2", "YRD420-BLE"), "yale_assure_2_keyed"),
    (("Yale", "YRD256-ZW3", None), "yale_assure_sl_yrd256"),
    # ZHA shows the raw Zigbee model string.
    (("Yale", "YRD226 TSDB", None), "yale_assure_yrd226"),
    (("Kwikset", "SMARTCODE_DEADBOLT_5", None), "kwikset_910"),
    (("Poly-control", "Danalock V3-BTZE", None), "danalock_v3"),
    (("Danalock", "BT/ZB smartlock", "V3-BTZB/V3-BTZBE"), "danalock_v3"),
    (("ID Lock AS", "ID-150", None), "id_lock_150"),
    (("August Home Inc.", "ASL-03", None), "august_pro_3rd_gen"),
    (("August Home", "ASL-03", None), "august_pro_3rd_gen"),
    (("Nuki Home Solutions GmbH", "Nuki smart lock 3.0 (pro)", None), "nuki_3"),
    (("Nuki Home Solutions GmbH", "Nuki opener", None), "nuki_opener"),
    # Lower case, as the switchbot integration writes its manufacturer.
    (("switchbot", "WoLockPro", None), "switchbot_lock_pro"),
    (("SwitchBot", "Lock Ultra", None), "switchbot_lock_ultra"),
    (("Tedee", "Tedee GO", "Tedee GO"), "tedee_go"),
    # Matter: vendor name, product label, and the product id as model id.
    (("Aqara", "Aqara Smart Lock U200", "10242"), "aqara_u200"),
    (("U-tec Group Inc.", "Ultraloq Bolt F Matter", "1"), "ultraloq_bolt_fingerprint"),
    (("Level Home", "Level Bolt (Matter)", "3"), "level_bolt"),
    (("Wyze", "Lock", "WLCKG1"), "wyze_lock"),
    # Case and spacing do not matter.
    (("  allegion ", "be469zp", None), "schlage_connect_be469zp"),
]

# Names it must not take for a known model.
NOT_MATCHED = [
    ("Allegion", "BE469ZPX", None),  # not the same model, though it starts the same
    ("Kwikset", "9100", None),
    ("Kwikset", "91", None),
    ("Yale", "Assure lock 2", None),  # keyed or key-free: only the model id tells
    ("Schlage", "BE469ZP-Lookalike", None),
    ("Acme Locks", "BE469ZP", None),  # a known model string from another maker
    ("Ring", "Keypad v2", None),  # Ring makes keypads, no lock
    (None, "BE469ZP", None),
    ("Allegion", None, None),
    ("Level Home", "Level Lock Pro", "4"),  # a different Level lock than any row
    ("", "", ""),
]


@pytest.mark.parametrize(("registry", "key"), MATCHES, ids=[key for _, key in MATCHES])
def test_registry_namings_find_their_model(
    registry: tuple[str, str, str | None], key: str
) -> None:
    found = match_lock_model(*registry)
    assert found is not None
    assert found.key == key


@pytest.mark.parametrize("registry", NOT_MATCHED, ids=str)
def test_namings_of_no_known_model_stay_unknown(
    registry: tuple[str | None, str | None, str | None],
) -> None:
    assert match_lock_model(*registry) is None


def test_the_facts_of_a_few_models() -> None:
    obsidian = match_lock_model("Kwikset", "Obsidian 954")
    assert obsidian is not None
    assert (obsidian.design, obsidian.key_override) == (Design.KEYLESS, False)
    assert obsidian.emergency_power is EmergencyPower.NINE_VOLT_TERMINAL
    encode = match_lock_model("Schlage", "BE489WB")
    assert encode is not None
    assert (encode.design, encode.key_override) == (Design.DEADBOLT_WITH_KEY, True)
    assert encode.emergency_power is EmergencyPower.NONE
    assert str(encode.battery) == "4\u00d7 AA"
    nuki = match_lock_model("Nuki Home Solutions GmbH", "Nuki smart lock 3.0 (pro)")
    assert nuki is not None
    assert nuki.reset_wipes is not None
    assert ResetWipes.CODES in nuki.reset_wipes
    # Unknown stays unknown: nothing is filled in that no source gave.
    be469 = match_lock_model("Allegion", "BE469ZP")
    assert be469 is not None
    assert (be469.design, be469.key_override, be469.emergency_power) == (
        None,
        None,
        None,
    )


def test_the_table_is_complete_and_sourced() -> None:
    assert len(LOCK_MODELS) >= 63
    assert len({model.key for model in LOCK_MODELS}) == len(LOCK_MODELS)
    namings: dict[tuple[str, str], str] = {}
    for model in LOCK_MODELS:
        assert model.manufacturers, model.key
        facts = (
            model.design,
            model.key_override,
            model.emergency_power,
            model.keypad,
            model.battery,
            model.support_url,
            model.reset_wipes,
        )
        # A fact needs a source; a row without facts needs none.
        assert model.sources or all(fact is None for fact in facts), model.key
        for manufacturer in model.manufacturers:
            for name in model.models:
                naming = (manufacturer.casefold(), name.casefold())
                assert naming not in namings, f"{naming} names {namings[naming]} too"
                namings[naming] = model.key
        if model.support_url is not None:
            assert model.support_url.startswith("https://"), model.key


def test_only_a_cylinder_of_another_maker_is_known_not_to_be_a_smartkey() -> None:
    # Schlage builds its own cylinder: not Kwikset's SmartKey.
    encode = match_lock_model("Schlage", "BE489WB")
    assert encode is not None
    assert encode.smartkey is SmartKey.NO
    yale = match_lock_model("Yale", "YRD420-ZW3")
    assert yale is not None
    assert yale.smartkey is SmartKey.NO
    # A retrofit sits on the door's own cylinder; a keyless lock has none to ask
    # about; which Kwikset cylinder is fitted, the model does not say.
    nuki = match_lock_model("Nuki Home Solutions GmbH", "Nuki smart lock 3.0 (pro)")
    obsidian = match_lock_model("Kwikset", "Obsidian 954")
    kwikset = match_lock_model("Kwikset", "910")
    assert nuki is not None
    assert obsidian is not None
    assert kwikset is not None
    assert (nuki.smartkey, obsidian.smartkey, kwikset.smartkey) == (None, None, None)
