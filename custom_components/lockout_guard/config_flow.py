"""Config flow (hub), options flow and the lock subentry flow of Lockout Guard."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    ConfigSubentryData,
    ConfigSubentryFlow,
    OptionsFlow,
    SubentryFlowResult,
)
from homeassistant.const import PERCENTAGE, Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.selector import (
    BooleanSelector,
    EntitySelector,
    EntitySelectorConfig,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
from homeassistant.util import dt as dt_util
import voluptuous as vol

from .alerts.notifier import notify_targets_available
from .battery.battery_type import find_battery_type, plain_battery_type
from .battery.readings import find_battery_entities
from .const import (
    APP_USERS_AUTO,
    CONF_APP_USERS,
    CONF_BACKUP_PIN,
    CONF_BATTERY_ENTITY_ID,
    CONF_BATTERY_SILENCE_HOURS,
    CONF_BATTERY_TYPE,
    CONF_CRITICAL_BATTERY,
    CONF_DESIGN,
    CONF_EMERGENCY_POWER,
    CONF_FACTORY_KEY_KEPT,
    CONF_IGNORED_LOCKS,
    CONF_KEY_CHECKED,
    CONF_KEY_LOCATION,
    CONF_KEY_OVERRIDE,
    CONF_KEYPAD_BATTERY_ENTITY_ID,
    CONF_KEYS_IN_CIRCULATION,
    CONF_KEYWAY,
    CONF_LOCK_ENTITY_ID,
    CONF_LOCKS,
    CONF_LOCKSMITH_CONTACT,
    CONF_LOW_BATTERY,
    CONF_MAIN_ENTRANCE,
    CONF_MAX_KEYS_IN_CIRCULATION,
    CONF_MODEL_NUMBER,
    CONF_NOTIFY_TARGETS,
    CONF_PRIVATE_NOTE,
    CONF_REVERIFY_DAYS,
    CONF_SMARTKEY,
    CONF_SUPPORT_PHONE,
    CONF_UNAVAILABLE_MINUTES,
    DEFAULT_OPTIONS,
    DOMAIN,
    HUB_TITLE,
    SUBENTRY_TYPE_LOCK,
)
from .core.models import (
    DESIGN_KEY_OVERRIDE,
    BackupPin,
    Design,
    EmergencyPower,
    FactoryKey,
    KeyLocation,
    Keyway,
    SmartKey,
)
from .monitoring.lock_lookup import (
    knowledge_facts,
    lock_device,
    lock_exists,
    lock_knowledge,
    lock_name,
    present_lock_entity_ids,
)
from .storage.facts import options_from_mapping, parse_app_users, whole_number
from .validation import support_field_errors

# The key override is a yes/no fact, but "unknown" is an honest answer too.
KEY_OVERRIDE_YES = "yes"
KEY_OVERRIDE_NO = "no"
KEY_OVERRIDE_UNKNOWN = "unknown"

# Options flow ranges: (minimum, maximum, unit).
OPTION_RANGES: Mapping[str, tuple[int, int, str | None]] = {
    CONF_LOW_BATTERY: (5, 95, PERCENTAGE),
    CONF_CRITICAL_BATTERY: (1, 90, PERCENTAGE),
    CONF_UNAVAILABLE_MINUTES: (1, 1440, "min"),
    CONF_BATTERY_SILENCE_HOURS: (1, 720, "h"),
    CONF_REVERIFY_DAYS: (7, 730, "d"),
    CONF_MAX_KEYS_IN_CIRCULATION: (1, 50, None),
}

LOCK_DEFAULTS: Mapping[str, Any] = {
    CONF_MAIN_ENTRANCE: False,
    CONF_DESIGN: Design.UNKNOWN,
    CONF_KEYWAY: Keyway.UNKNOWN,
    CONF_KEY_LOCATION: KeyLocation.UNKNOWN,
    CONF_EMERGENCY_POWER: EmergencyPower.UNKNOWN,
    CONF_BACKUP_PIN: BackupPin.AUTO,
    CONF_APP_USERS: APP_USERS_AUTO,
    CONF_FACTORY_KEY_KEPT: FactoryKey.UNKNOWN,
    CONF_SMARTKEY: SmartKey.UNKNOWN,
}


def _select(options: list[str], key: str) -> SelectSelector:
    return SelectSelector(
        SelectSelectorConfig(
            options=options, translation_key=key, mode=SelectSelectorMode.DROPDOWN
        )
    )


def _number(minimum: int, maximum: int, unit: str | None = None) -> NumberSelector:
    config = NumberSelectorConfig(
        min=minimum, max=maximum, step=1, mode=NumberSelectorMode.BOX
    )
    if unit is not None:
        config["unit_of_measurement"] = unit
    return NumberSelector(config)


def _monitored_locks(
    entry: ConfigEntry, *, except_subentry: str | None = None
) -> set[str]:
    return {
        str(subentry.data.get(CONF_LOCK_ENTITY_ID))
        for subentry in entry.subentries.values()
        if subentry.subentry_type == SUBENTRY_TYPE_LOCK
        and subentry.subentry_id != except_subentry
    }


def _fill_unknowns(data: dict[str, Any], facts: Mapping[str, Any]) -> None:
    """Take the known facts where the owner has not answered (or said unknown)."""
    for key, value in facts.items():
        if data.get(key) in (None, "", LOCK_DEFAULTS.get(key)):
            data[key] = value


def new_lock_subentry(hass: HomeAssistant, entity_id: str) -> ConfigSubentryData:
    """Subentry for a lock picked without answering any question yet.

    What its model settles is filled in already, so no repair asks for it.
    """
    data: dict[str, Any] = {CONF_LOCK_ENTITY_ID: entity_id, **LOCK_DEFAULTS}
    _fill_unknowns(data, knowledge_facts(hass, entity_id))
    return ConfigSubentryData(
        data=data,
        subentry_type=SUBENTRY_TYPE_LOCK,
        title=lock_name(hass, entity_id),
        unique_id=entity_id,
    )


class LockoutGuardConfigFlow(ConfigFlow, domain=DOMAIN):
    """Set up the single Lockout Guard hub and pick the locks to watch."""

    VERSION = 1
    MINOR_VERSION = 1

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> OptionsFlow:
        """Options of the hub."""
        return LockoutGuardOptionsFlow()

    @classmethod
    @callback
    def async_get_supported_subentry_types(
        cls, config_entry: ConfigEntry
    ) -> dict[str, type[ConfigSubentryFlow]]:
        """One subentry per monitored lock."""
        return {SUBENTRY_TYPE_LOCK: LockSubentryFlow}

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Pick the locks to monitor; none is fine, locks can be added later."""
        errors: dict[str, str] = {}
        available = notify_targets_available(self.hass)
        if user_input is not None:
            picked = list(dict.fromkeys(user_input.get(CONF_LOCKS, [])))
            targets = list(dict.fromkeys(user_input.get(CONF_NOTIFY_TARGETS, [])))
            if any(not lock_exists(self.hass, entity_id) for entity_id in picked):
                errors[CONF_LOCKS] = "not_a_lock"
            elif any(target not in available for target in targets):
                errors[CONF_NOTIFY_TARGETS] = "unknown_notify_target"
            else:
                return self.async_create_entry(
                    title=HUB_TITLE,
                    # Locks offered and not picked are not "new" later on.
                    data={
                        CONF_IGNORED_LOCKS: sorted(
                            present_lock_entity_ids(self.hass) - set(picked)
                        )
                    },
                    # Battery alerts reach someone from the start, not only once
                    # the owner finds the options.
                    options=_default_options() | {CONF_NOTIFY_TARGETS: targets},
                    subentries=[
                        new_lock_subentry(self.hass, entity_id) for entity_id in picked
                    ],
                )
        schema = vol.Schema(
            {
                vol.Optional(CONF_LOCKS, default=[]): EntitySelector(
                    EntitySelectorConfig(domain=Platform.LOCK, multiple=True)
                ),
                vol.Optional(CONF_NOTIFY_TARGETS, default=[]): SelectSelector(
                    SelectSelectorConfig(
                        options=available, multiple=True, custom_value=True, sort=True
                    )
                ),
            }
        )
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(schema, user_input),
            errors=errors,
        )


def _default_options() -> dict[str, Any]:
    return {
        CONF_LOW_BATTERY: DEFAULT_OPTIONS.low_battery,
        CONF_CRITICAL_BATTERY: DEFAULT_OPTIONS.critical_battery,
        CONF_UNAVAILABLE_MINUTES: DEFAULT_OPTIONS.unavailable_minutes,
        CONF_BATTERY_SILENCE_HOURS: DEFAULT_OPTIONS.battery_silence_hours,
        CONF_REVERIFY_DAYS: DEFAULT_OPTIONS.reverify_days,
        CONF_MAX_KEYS_IN_CIRCULATION: DEFAULT_OPTIONS.max_keys_in_circulation,
        CONF_NOTIFY_TARGETS: [],
    }


class LockoutGuardOptionsFlow(OptionsFlow):
    """Thresholds and notification targets of the hub."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show and validate every hub option."""
        errors: dict[str, str] = {}
        available = notify_targets_available(self.hass)
        if user_input is not None:
            targets = list(dict.fromkeys(user_input.get(CONF_NOTIFY_TARGETS, [])))
            numbers: dict[str, int] = {}
            for key in OPTION_RANGES:
                if (number := whole_number(user_input[key])) is None:
                    errors[key] = "not_a_whole_number"
                else:
                    numbers[key] = number
            if not errors:
                if numbers[CONF_CRITICAL_BATTERY] >= numbers[CONF_LOW_BATTERY]:
                    errors[CONF_CRITICAL_BATTERY] = "critical_not_below_low"
                elif any(target not in available for target in targets):
                    errors[CONF_NOTIFY_TARGETS] = "unknown_notify_target"
                else:
                    options = {**numbers, CONF_NOTIFY_TARGETS: targets}
                    return self.async_create_entry(data=options)

        current = options_from_mapping(self.config_entry.options)
        fields: dict[vol.Marker, Any] = {
            vol.Required(key, default=getattr(current, key)): _number(*limits)
            for key, limits in OPTION_RANGES.items()
        }
        fields[
            vol.Optional(
                CONF_NOTIFY_TARGETS,
                default=list(self.config_entry.options.get(CONF_NOTIFY_TARGETS, [])),
            )
        ] = SelectSelector(
            SelectSelectorConfig(
                options=available, multiple=True, custom_value=True, sort=True
            )
        )
        schema = vol.Schema(fields)
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(schema, user_input),
            errors=errors,
        )


# Shown instead of an entity id when the lock's device has no battery entity.
_NO_BATTERY_FOUND = "-"
# The access step's "checked today" box and where its answer is kept.
CONF_KEY_CHECKED_TODAY = "key_checked_today"


def _key_override_choice(data: Mapping[str, Any], *, design_changed: bool) -> str:
    """The key override to suggest: the stored answer, else derived from the design."""
    stored = data.get(CONF_KEY_OVERRIDE)
    if isinstance(stored, bool) and not design_changed:
        return KEY_OVERRIDE_YES if stored else KEY_OVERRIDE_NO
    # The design was just chosen from the list, so it is a valid Design.
    derived = DESIGN_KEY_OVERRIDE[Design(data[CONF_DESIGN])]
    if derived is None:
        return KEY_OVERRIDE_UNKNOWN
    return KEY_OVERRIDE_YES if derived else KEY_OVERRIDE_NO


class LockSubentryFlow(ConfigSubentryFlow):
    """Add or reconfigure one monitored lock, in three short steps."""

    def __init__(self) -> None:
        """Start with no answers."""
        self._data: dict[str, Any] = {}
        self._design_changed = False
        # What the lock's model settles (suggestions for the questions).
        self._known: dict[str, Any] = {}

    @property
    def _is_new(self) -> bool:
        return self.source == "user"

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Which lock, and what kind of door and lock it is."""
        self._data = dict(LOCK_DEFAULTS)
        return await self._async_step_lock(user_input)

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Change the facts of a monitored lock (or point it at a new entity)."""
        if not self._data:
            self._data = dict(LOCK_DEFAULTS) | dict(
                self._get_reconfigure_subentry().data
            )
        return await self._async_step_lock(user_input, step_id="reconfigure")

    async def _async_step_lock(
        self, user_input: dict[str, Any] | None, step_id: str = "user"
    ) -> SubentryFlowResult:
        errors: dict[str, str] = {}
        if user_input is not None:
            entity_id = user_input[CONF_LOCK_ENTITY_ID]
            except_subentry = None if self._is_new else self._reconfigure_subentry_id
            if not lock_exists(self.hass, entity_id):
                errors[CONF_LOCK_ENTITY_ID] = "not_a_lock"
            elif entity_id in _monitored_locks(
                self._get_entry(), except_subentry=except_subentry
            ):
                errors[CONF_LOCK_ENTITY_ID] = "already_monitored"
            else:
                self._design_changed = user_input[CONF_DESIGN] != self._data.get(
                    CONF_DESIGN
                )
                self._data.update(user_input)
                self._known = knowledge_facts(self.hass, entity_id)
                # An "unknown" design is the model's, when the model is known.
                if (
                    self._data[CONF_DESIGN] == Design.UNKNOWN
                    and CONF_DESIGN in self._known
                ):
                    self._design_changed = True
                _fill_unknowns(self._data, self._known)
                return await self.async_step_access()

        except_subentry = None if self._is_new else self._reconfigure_subentry_id
        schema = vol.Schema(
            {
                # Only locks that are not monitored yet (this one's own lock stays).
                vol.Required(CONF_LOCK_ENTITY_ID): EntitySelector(
                    EntitySelectorConfig(
                        domain=Platform.LOCK,
                        exclude_entities=sorted(
                            _monitored_locks(
                                self._get_entry(), except_subentry=except_subentry
                            )
                        ),
                    )
                ),
                vol.Required(CONF_MAIN_ENTRANCE): BooleanSelector(),
                vol.Required(CONF_DESIGN): _select(list(Design), CONF_DESIGN),
            }
        )
        return self.async_show_form(
            step_id=step_id,
            data_schema=self.add_suggested_values_to_schema(
                schema, user_input or self._data
            ),
            errors=errors,
        )

    async def async_step_access(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """How someone gets in when the electronics fail.

        Only what can apply is asked: a keyless lock has no key, keyway or spare
        key; a lock whose model has no keypad has no backup PIN.
        """
        errors: dict[str, str] = {}
        keyless = self._data.get(CONF_DESIGN) == Design.KEYLESS
        known = lock_knowledge(self.hass, self._data[CONF_LOCK_ENTITY_ID])
        keypad = None if known is None else known.keypad
        if user_input is not None:
            app_users = user_input.get(CONF_APP_USERS)
            users = None if app_users is None else whole_number(app_users)
            if app_users is not None and users is None:
                errors[CONF_APP_USERS] = "not_a_whole_number"
            keys = user_input.get(CONF_KEYS_IN_CIRCULATION)
            if keys is not None and whole_number(keys) is None:
                errors[CONF_KEYS_IN_CIRCULATION] = "not_a_whole_number"
            if not errors:
                # An emptied count means it is no longer known.
                self._data.pop(CONF_KEYS_IN_CIRCULATION, None)
                if keys is not None:
                    user_input[CONF_KEYS_IN_CIRCULATION] = whole_number(keys)
                if keyless:
                    self._data[CONF_KEY_OVERRIDE] = False
                else:
                    choice = user_input.pop(CONF_KEY_OVERRIDE)
                    self._data[CONF_KEY_OVERRIDE] = (
                        None
                        if choice == KEY_OVERRIDE_UNKNOWN
                        else choice == KEY_OVERRIDE_YES
                    )
                if user_input.pop(CONF_KEY_CHECKED_TODAY, False):
                    # The spare key was just checked: no repair asks for it.
                    self._data[CONF_KEY_CHECKED] = dt_util.now().date().isoformat()
                user_input.pop(CONF_APP_USERS, None)
                self._data[CONF_APP_USERS] = APP_USERS_AUTO if users is None else users
                self._data.update(user_input)
                return await self.async_step_support()

        app_users = parse_app_users(self._data.get(CONF_APP_USERS))
        suggested = self._data | {
            CONF_KEY_OVERRIDE: _key_override_choice(
                self._data, design_changed=self._design_changed
            ),
            CONF_APP_USERS: app_users,
        }
        fields: dict[vol.Marker, Any] = {}
        if not keyless:
            fields[vol.Required(CONF_KEY_OVERRIDE)] = _select(
                [KEY_OVERRIDE_YES, KEY_OVERRIDE_NO, KEY_OVERRIDE_UNKNOWN],
                CONF_KEY_OVERRIDE,
            )
            fields[vol.Required(CONF_KEYWAY)] = _select(list(Keyway), CONF_KEYWAY)
            fields[vol.Required(CONF_KEY_LOCATION)] = _select(
                list(KeyLocation), CONF_KEY_LOCATION
            )
            fields[vol.Optional(CONF_KEY_CHECKED_TODAY, default=False)] = (
                BooleanSelector()
            )
            # Key control: only where a key opens the lock.
            fields[vol.Optional(CONF_KEYS_IN_CIRCULATION)] = _number(0, 100)
            fields[vol.Optional(CONF_FACTORY_KEY_KEPT)] = _select(
                list(FactoryKey), CONF_FACTORY_KEY_KEPT
            )
            fields[vol.Optional(CONF_SMARTKEY)] = _select(list(SmartKey), CONF_SMARTKEY)
        fields[vol.Required(CONF_EMERGENCY_POWER)] = _select(
            list(EmergencyPower), CONF_EMERGENCY_POWER
        )
        if keypad is not False:
            fields[vol.Required(CONF_BACKUP_PIN)] = _select(
                list(BackupPin), CONF_BACKUP_PIN
            )
        fields[vol.Optional(CONF_APP_USERS)] = _number(0, 50)
        return self.async_show_form(
            step_id="access",
            data_schema=self.add_suggested_values_to_schema(
                vol.Schema(fields), (user_input or {}) if errors else suggested
            ),
            errors=errors,
        )

    async def async_step_support(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Who to call, which battery to trust, and a private note."""
        errors: dict[str, str] = {}
        if user_input is not None:
            errors = self._validate_support(user_input)
            if not errors:
                # The suggestion taken as it is stays a suggestion: the lock keeps
                # following its sources (a Battery Notes note added later wins).
                if user_input.get(CONF_BATTERY_TYPE) == self._found_battery_type():
                    user_input.pop(CONF_BATTERY_TYPE, None)
                for key in (
                    CONF_MODEL_NUMBER,
                    CONF_BATTERY_TYPE,
                    CONF_SUPPORT_PHONE,
                    CONF_LOCKSMITH_CONTACT,
                    CONF_BATTERY_ENTITY_ID,
                    CONF_KEYPAD_BATTERY_ENTITY_ID,
                    CONF_LOW_BATTERY,
                    CONF_PRIVATE_NOTE,
                ):
                    # An emptied field means the fact is no longer known.
                    self._data.pop(key, None)
                if user_input.get(CONF_LOW_BATTERY) is not None:
                    user_input[CONF_LOW_BATTERY] = whole_number(
                        user_input[CONF_LOW_BATTERY]
                    )
                self._data.update(
                    {
                        key: value.strip() if isinstance(value, str) else value
                        for key, value in user_input.items()
                        if value not in (None, "")
                    }
                )
                return self._async_finish()

        entity_id = self._data[CONF_LOCK_ENTITY_ID]
        suggested = dict(self._data)
        _fill_unknowns(suggested, knowledge_facts(self.hass, entity_id))
        if not suggested.get(CONF_BATTERY_TYPE):
            suggested[CONF_BATTERY_TYPE] = self._found_battery_type()
        schema = vol.Schema(
            {
                vol.Optional(CONF_MODEL_NUMBER): TextSelector(),
                vol.Optional(CONF_SUPPORT_PHONE): TextSelector(
                    TextSelectorConfig(type=TextSelectorType.TEL)
                ),
                vol.Optional(CONF_LOCKSMITH_CONTACT): TextSelector(),
                vol.Optional(CONF_BATTERY_TYPE): TextSelector(),
                vol.Optional(CONF_BATTERY_ENTITY_ID): EntitySelector(
                    EntitySelectorConfig(
                        domain=[Platform.SENSOR, Platform.BINARY_SENSOR]
                    )
                ),
                # A separate keypad is a device of its own: the owner names it.
                vol.Optional(CONF_KEYPAD_BATTERY_ENTITY_ID): EntitySelector(
                    EntitySelectorConfig(
                        domain=[Platform.SENSOR, Platform.BINARY_SENSOR]
                    )
                ),
                vol.Optional(CONF_LOW_BATTERY): _number(1, 99, PERCENTAGE),
                vol.Optional(CONF_PRIVATE_NOTE): TextSelector(
                    TextSelectorConfig(multiline=True)
                ),
            }
        )
        return self.async_show_form(
            step_id="support",
            data_schema=self.add_suggested_values_to_schema(
                schema, user_input or suggested
            ),
            errors=errors,
            description_placeholders={
                "lock_name": lock_name(self.hass, entity_id),
                "battery": self._found_battery(entity_id),
            },
        )

    def _found_battery_type(self) -> str | None:
        """What Battery Notes, Matter or the knowledge base say the lock takes."""
        device = lock_device(self.hass, self._data[CONF_LOCK_ENTITY_ID])
        found = find_battery_type(self.hass, None if device is None else device.id)
        return found.text if found else None

    def _found_battery(self, entity_id: str) -> str:
        """The battery entity found on the lock's device, named in the form."""
        device = lock_device(self.hass, entity_id)
        found = find_battery_entities(
            self.hass, None if device is None else device.id, None
        )
        names = sorted(found.entity_ids) or [_NO_BATTERY_FOUND]
        return ", ".join(names)

    def _validate_support(self, user_input: dict[str, Any]) -> dict[str, str]:
        errors = support_field_errors(self.hass, user_input, phone_required=False)
        battery_type = user_input.get(CONF_BATTERY_TYPE)
        if battery_type and plain_battery_type(battery_type) is None:
            errors[CONF_BATTERY_TYPE] = "not_a_battery_type"
        if (entered := user_input.get(CONF_LOW_BATTERY)) is None:
            return errors
        critical = options_from_mapping(self._get_entry().options).critical_battery
        if (low := whole_number(entered)) is None:
            errors[CONF_LOW_BATTERY] = "not_a_whole_number"
        elif low <= critical:
            errors[CONF_LOW_BATTERY] = "low_not_above_critical"
        return errors

    def _async_finish(self) -> SubentryFlowResult:
        entity_id = self._data[CONF_LOCK_ENTITY_ID]
        title = lock_name(self.hass, entity_id)
        if self._is_new:
            return self.async_create_entry(
                title=title, data=self._data, unique_id=entity_id
            )
        return self.async_update_and_abort(
            self._get_entry(),
            self._get_reconfigure_subentry(),
            title=title,
            data=self._data,
            unique_id=entity_id,
        )
