/*
 * Lockout Guard's dashboard card: custom:lockout-guard-card.
 *
 * The home's plan, and for each monitored lock its plan, open risks, the ways back
 * in (cheapest first), battery level, type and forecast, its buttons, and the
 * printable lockout card that lockout_guard.get_plan answers with (the private note
 * only for administrators). Every word comes from Home Assistant's translations of
 * Lockout Guard, so the card speaks the user's language. No library and no network:
 * it is a plain custom element that Home Assistant serves itself.
 *
 * Options: `entities` (lockout plan sensors; all of them when left out),
 * `show_buttons` (default true), `show_printable` (default true).
 */

const DOMAIN = "lockout_guard";
const PLAN_COLORS = {
  ready: "var(--success-color, #43a047)",
  attention: "var(--warning-color, #ffa600)",
  at_risk: "var(--error-color, #db4437)",
  critical: "var(--error-color, #db4437)",
};

const escapeHtml = (text) =>
  String(text ?? "").replace(
    /[&<>"']/g,
    (char) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]
  );

class LockoutGuardCard extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: "open" });
    this._config = {};
    this._cards = {};
    this._fetchedFor = "";
    this._pending = false;
    this._open = new Set();
    this._translationsLoaded = false;
  }

  setConfig(config) {
    if (config.entities !== undefined && !Array.isArray(config.entities)) {
      throw new Error("entities must be a list of lockout plan sensors");
    }
    this._config = { show_buttons: true, show_printable: true, ...config };
    this._render();
  }

  set hass(hass) {
    this._hass = hass;
    if (!this._translationsLoaded && hass.loadBackendTranslation) {
      this._translationsLoaded = true;
      Promise.all([
        hass.loadBackendTranslation("entity", DOMAIN),
        hass.loadBackendTranslation("exceptions", DOMAIN),
      ]).then(() => this._render());
    }
    this._maybeFetchCards();
    // Home Assistant hands over a new hass on every change in the home: redraw only
    // when one of the states the card shows was replaced.
    const shown = this._shownStates();
    if (
      shown.length !== (this._lastShown?.length ?? -1) ||
      shown.some((state, index) => state !== this._lastShown[index])
    ) {
      this._lastShown = shown;
      this._render();
    }
  }

  _shownStates() {
    const hass = this._hass;
    const ids = [
      ...this._entries("home_plan").map((entry) => entry.entity_id),
      ...this._plans(),
      ...this._entries("battery_forecast").map((entry) => entry.entity_id),
    ];
    // A new language, new entities or renamed devices redraw the card too.
    return [hass.localize, hass.entities, hass.devices, ...ids.map((id) => hass.states[id])];
  }

  static getStubConfig() {
    return {};
  }

  // The dashboard's visual editor: pick plans, choose what to show.
  static getConfigForm() {
    return {
      schema: [
        {
          name: "entities",
          selector: {
            entity: {
              multiple: true,
              filter: { integration: DOMAIN, domain: "sensor" },
            },
          },
        },
        { name: "show_buttons", selector: { boolean: {} } },
        { name: "show_printable", selector: { boolean: {} } },
      ],
    };
  }

  getCardSize() {
    return 1 + this._plans().length * 4;
  }

  _entries(translationKey) {
    const entities = this._hass?.entities ?? {};
    return Object.values(entities).filter(
      (entry) => entry.platform === DOMAIN && entry.translation_key === translationKey
    );
  }

  _plans() {
    if (!this._hass) return [];
    const chosen = this._config.entities;
    const plans = this._entries("lockout_plan").map((entry) => entry.entity_id);
    const shown = chosen && chosen.length ? plans.filter((id) => chosen.includes(id)) : plans;
    return shown.filter((id) => this._hass.states[id]).sort();
  }

  _onDevice(deviceId, translationKey) {
    return this._entries(translationKey).find((entry) => entry.device_id === deviceId);
  }

  _text(key, placeholders = {}) {
    // The translations are ICU messages: the frontend fills in the placeholders.
    const text = this._hass?.localize?.(
      `component.${DOMAIN}.exceptions.card_text_${key}.message`,
      placeholders
    );
    return text || key;
  }

  _attr(stateObj, attribute, value) {
    return this._hass.formatEntityAttributeValue
      ? this._hass.formatEntityAttributeValue(stateObj, attribute, value)
      : String(value);
  }

  _attrName(stateObj, attribute) {
    return this._hass.formatEntityAttributeName
      ? this._hass.formatEntityAttributeName(stateObj, attribute)
      : attribute;
  }

  _state(stateObj) {
    return this._hass.formatEntityState
      ? this._hass.formatEntityState(stateObj)
      : stateObj.state;
  }

  // get_plan answers with the battery type and the printable text of each lock:
  // asked again when a plan or its risks change, one request at a time.
  _maybeFetchCards() {
    const hass = this._hass;
    if (!hass || this._pending) return;
    const signature = this._plans()
      .map((id) => `${id}:${hass.states[id]?.state}:${hass.states[id]?.attributes.risks}`)
      .join("|");
    if (signature === this._fetchedFor) return;
    this._fetchedFor = signature;
    this._pending = true;
    hass
      .callService(
        DOMAIN,
        "get_plan",
        { include_private: Boolean(hass.user?.is_admin) },
        undefined,
        false,
        true
      )
      .then((result) => {
        const cards = {};
        for (const card of result?.response?.locks ?? []) cards[card.entity_id] = card;
        this._cards = cards;
      })
      .catch(() => {
        this._cards = {};
      })
      .finally(() => {
        this._pending = false;
        this._render();
        // A change while the request ran is fetched now.
        this._maybeFetchCards();
      });
  }

  _press(entityId) {
    this._error = undefined;
    this._render();
    this._hass
      .callService("button", "press", { entity_id: entityId })
      .catch((err) => {
        this._error = err?.message ?? String(err);
        this._render();
      });
  }

  _lockHtml(planId) {
    const hass = this._hass;
    const plan = hass.states[planId];
    const entry = hass.entities[planId];
    const deviceId = entry?.device_id;
    const device = deviceId ? hass.devices?.[deviceId] : undefined;
    const name = device?.name_by_user || device?.name || plan.attributes.friendly_name;
    const risks = plan.attributes.risks ?? [];
    const steps = plan.attributes.recovery_steps ?? [];
    const forecastEntry = deviceId ? this._onDevice(deviceId, "battery_forecast") : undefined;
    const forecast = forecastEntry ? hass.states[forecastEntry.entity_id] : undefined;
    const lockId = Object.keys(this._cards).find(
      (lock) => hass.entities[lock]?.device_id === deviceId
    );
    // A lock without a device of its own: its card is found by the lock's name.
    const card = lockId
      ? this._cards[lockId]
      : Object.values(this._cards).find((lockCard) => lockCard.name === name);
    const battery = [];
    if (plan.attributes.battery_level !== null && plan.attributes.battery_level !== undefined) {
      battery.push(escapeHtml(this._attr(plan, "battery_level", plan.attributes.battery_level)));
    }
    if (card?.battery_type) battery.push(escapeHtml(card.battery_type));
    if (forecast && !["unknown", "unavailable"].includes(forecast.state)) {
      battery.push(`${escapeHtml(forecast.attributes.friendly_name?.replace(name, "").trim() ?? "")}: ${escapeHtml(this._state(forecast))}`);
    }
    const buttons = this._config.show_buttons && deviceId
      ? ["battery_replaced", "recheck", "send_test_alert", "report_key_lost"]
          .map((key) => this._onDevice(deviceId, key))
          .filter(Boolean)
          .map((button) => {
            const label = hass.localize?.(`component.${DOMAIN}.entity.button.${button.translation_key}.name`) || button.translation_key;
            return `<button class="action" data-entity="${escapeHtml(button.entity_id)}">${escapeHtml(label)}</button>`;
          })
          .join("")
      : "";
    const printable = this._config.show_printable && card?.text
      ? `<details class="printable" data-plan="${escapeHtml(planId)}"${this._open.has(planId) ? " open" : ""}><summary>${escapeHtml(this._text("title", { lock_name: name }))}</summary><pre>${escapeHtml(card.text)}</pre><button class="print">${escapeHtml(this._text("print"))}</button></details>`
      : "";
    return `
      <section class="lock" data-plan="${escapeHtml(planId)}">
        <div class="head">
          <span class="name">${escapeHtml(name)}</span>
          <span class="plan" style="background:${PLAN_COLORS[plan.state] ?? "var(--disabled-color, grey)"}">${escapeHtml(this._state(plan))}</span>
        </div>
        <div class="risks">${
          risks.length
            ? escapeHtml(this._text("risks", { risks: risks.map((risk) => this._attr(plan, "risks", risk)).join(", ") }))
            : escapeHtml(this._text("no_risks"))
        }</div>
        <div class="steps-title">${escapeHtml(this._text("steps"))}</div>
        <ol class="steps">${steps.map((step) => `<li>${escapeHtml(this._attr(plan, "recovery_steps", step))}</li>`).join("")}</ol>
        ${battery.length ? `<div class="battery">${escapeHtml(this._attrName(plan, "battery_level"))}: ${battery.join(" · ")}</div>` : ""}
        ${buttons ? `<div class="buttons">${buttons}</div>` : ""}
        ${printable}
      </section>`;
  }

  _render() {
    const hass = this._hass;
    if (!hass) return;
    const homeEntry = this._entries("home_plan")[0];
    const home = homeEntry ? hass.states[homeEntry.entity_id] : undefined;
    const plans = this._plans();
    this.shadowRoot.innerHTML = `
      <style>
        ha-card { padding: 16px; }
        .home { display: flex; justify-content: space-between; align-items: center; font-size: 1.2em; margin-bottom: 8px; }
        .lock { border-top: 1px solid var(--divider-color, #e0e0e0); padding: 12px 0; }
        .head { display: flex; justify-content: space-between; align-items: center; }
        .name { font-weight: 500; color: var(--primary-text-color); }
        .plan { color: var(--text-primary-color, #fff); border-radius: 12px; padding: 2px 10px; font-size: 0.9em; }
        .risks, .battery, .steps-title { color: var(--secondary-text-color); margin-top: 6px; }
        .steps { margin: 4px 0 0 0; padding-left: 20px; color: var(--primary-text-color); }
        .buttons { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
        button { font: inherit; cursor: pointer; border-radius: 4px; padding: 4px 10px;
          border: 1px solid var(--primary-color); background: none; color: var(--primary-color); }
        .printable { margin-top: 8px; color: var(--primary-text-color); }
        pre { white-space: pre-wrap; font-family: inherit; background: var(--secondary-background-color); padding: 8px; }
        .error { color: var(--error-color); margin-top: 8px; }
        @media print { .buttons, summary, .print { display: none; } }
      </style>
      <ha-card>
        ${home ? `<div class="home"><span>${escapeHtml(home.attributes.friendly_name)}</span><span class="plan" style="background:${PLAN_COLORS[home.state] ?? "grey"}">${escapeHtml(this._state(home))}</span></div>` : ""}
        ${plans.map((planId) => this._lockHtml(planId)).join("")}
        ${this._error ? `<div class="error">${escapeHtml(this._error)}</div>` : ""}
      </ha-card>`;
    this.shadowRoot.querySelectorAll("button.action").forEach((button) =>
      button.addEventListener("click", () => this._press(button.dataset.entity))
    );
    this.shadowRoot.querySelectorAll("button.print").forEach((button) =>
      button.addEventListener("click", () => window.print())
    );
    // Redrawing keeps an opened printable card open.
    this.shadowRoot.querySelectorAll("details.printable").forEach((details) =>
      details.addEventListener("toggle", () => {
        if (details.open) this._open.add(details.dataset.plan);
        else this._open.delete(details.dataset.plan);
      })
    );
  }
}

if (!customElements.get("lockout-guard-card")) {
  customElements.define("lockout-guard-card", LockoutGuardCard);
  window.customCards = window.customCards || [];
  window.customCards.push({
    type: "lockout-guard-card",
    name: "Lockout Guard",
    description: "The lockout plan of the home and of each lock, with its buttons.",
    documentationURL: "https://github.com/lockout-guard/lockout_guard",
  });
}
