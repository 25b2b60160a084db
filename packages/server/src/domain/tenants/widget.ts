import {
  ParleyError,
  WidgetAppearanceSchema,
  WidgetSettingsInputSchema,
  WidgetSettingsPatchSchema,
  validator,
  type PrechatField,
  type WidgetAppearance,
  type WidgetSettings,
  type WidgetSettingsPatch,
} from '@parley/protocol';
import type { Store, TenantRow } from '../../store/index.js';
import type { Actor } from '../actor.js';
import type { EventDispatcher } from '../../events/dispatcher.js';
import { parseAllowedOrigin, requireCapability } from '../../authz/index.js';

/** What a tenant's widget shows until an admin changes it: the form the widget always had. */
export const DEFAULT_WIDGET: WidgetAppearance = {
  primaryColor: '#2f6fed',
  accentColor: '#f59e0b',
  title: 'Chat with us',
  greeting: 'Hi! Tell us who you are and we will be right with you.',
  prechatFields: [
    { name: 'name', label: 'Name', type: 'text', required: true },
    { name: 'email', label: 'Email', type: 'email', required: false },
    { name: 'subject', label: 'Subject', type: 'text', required: false },
  ],
};

const replaceInput = validator(WidgetSettingsInputSchema);
const patchInput = validator(WidgetSettingsPatchSchema);
const storedAppearance = validator(WidgetAppearanceSchema);

function invalid(path: string, message: string): ParleyError {
  return new ParleyError('E_VALIDATION', `${path}: ${message}`, { path });
}

/** The rules a schema cannot say: unique field names, options exactly on select fields. */
function checkFields(fields: readonly PrechatField[]): void {
  const names = new Map<string, number>();
  fields.forEach((field, i) => {
    const at = `/prechatFields/${i}`;
    const first = names.get(field.name);
    if (first !== undefined) throw invalid(`${at}/name`, `"${field.name}" is already the name of field ${first}`);
    names.set(field.name, i);
    if (field.type === 'select' && !field.options) throw invalid(`${at}/options`, 'a select field needs its options');
    if (field.type !== 'select' && field.options) throw invalid(`${at}/options`, 'only a select field has options');
    const options = field.options ?? [];
    const repeated = options.findIndex((o, j) => options.indexOf(o) !== j);
    if (repeated >= 0) throw invalid(`${at}/options/${repeated}`, `"${options[repeated]}" is listed twice`);
  });
}

/** The allow-list as it is stored: canonical origins (or `*`), each once. */
function checkOrigins(origins: readonly string[]): string[] {
  return [...new Set(origins.map((o, i) => parseAllowedOrigin(o, `/allowedOrigins/${i}`)))];
}

/**
 * A tenant's website widget: what it looks like and asks (kept with the live-chat settings) and the
 * origins allowed to embed it (on the tenant row, read by every origin check). Admins change them;
 * every visitor reads the appearance. A change of origins reaches every node at once through the
 * tenant announcement, as a plan change does; the appearance is read from the store on each call.
 */
export class WidgetSettingsService {
  constructor(
    private readonly store: Store,
    private readonly events?: EventDispatcher,
  ) {}

  /** What the tenant's widget shows: the saved settings, or the defaults. */
  async appearance(tenantId: string): Promise<WidgetAppearance> {
    const json = await this.store.livechat.getWidget(tenantId);
    if (json === null) return DEFAULT_WIDGET;
    const saved: unknown = JSON.parse(json);
    // Saved by this code after validation; a document a later version cannot read falls back whole.
    return storedAppearance.check(saved) ? saved : DEFAULT_WIDGET;
  }

  /** The whole settings, for an admin of the tenant. */
  async settings(actor: Actor): Promise<WidgetSettings> {
    requireCapability(actor, 'manageTenant');
    return this.view(await this.tenant(actor));
  }

  /** Replaces every setting (PUT). Nothing is saved unless all of it is valid. */
  async replace(actor: Actor, raw: unknown): Promise<WidgetSettings> {
    requireCapability(actor, 'manageTenant');
    return this.save(await this.tenant(actor), replaceInput.parse(raw ?? {}));
  }

  /** Changes the settings given (PATCH); the others stay. Nothing is saved unless all of it is valid. */
  async update(actor: Actor, raw: unknown): Promise<WidgetSettings> {
    requireCapability(actor, 'manageTenant');
    return this.save(await this.tenant(actor), patchInput.parse(raw ?? {}));
  }

  private async tenant(actor: Actor): Promise<TenantRow> {
    // The actor's row may be a connection's copy: read the one the store has now.
    const tenant = await this.store.getTenant(actor.tenant.id);
    if (!tenant) throw new ParleyError('E_TENANT_NOT_FOUND');
    return tenant;
  }

  private async view(tenant: TenantRow): Promise<WidgetSettings> {
    return { ...(await this.appearance(tenant.id)), allowedOrigins: tenant.allowedOrigins };
  }

  private async save(tenant: TenantRow, input: WidgetSettingsPatch): Promise<WidgetSettings> {
    const { allowedOrigins: originsInput, ...appearanceInput } = input;
    if (appearanceInput.prechatFields) checkFields(appearanceInput.prechatFields);
    const origins = originsInput === undefined ? undefined : checkOrigins(originsInput);
    const current = await this.appearance(tenant.id);
    const next: WidgetAppearance = { ...current, ...appearanceInput };
    if (JSON.stringify(next) !== JSON.stringify(current)) await this.store.livechat.setWidget(tenant.id, JSON.stringify(next));
    let updated = tenant;
    if (origins !== undefined && JSON.stringify(origins) !== JSON.stringify(tenant.allowedOrigins)) {
      await this.store.updateTenant(tenant.id, { allowedOrigins: origins });
      updated = { ...tenant, allowedOrigins: origins };
      // Every node's open sockets take the new list (the gateway reloads the row).
      this.events?.tenant(updated);
    }
    return { ...next, allowedOrigins: updated.allowedOrigins };
  }
}
