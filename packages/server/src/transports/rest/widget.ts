import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import Type, { type Static } from 'typebox';
import { WidgetAppearanceResponseSchema, WidgetSettingsInputSchema, WidgetSettingsPatchSchema, WidgetSettingsResponseSchema, type WidgetSettings } from '@parley/protocol';
import type { Services } from '../../domain/index.js';
import type { TenantRow } from '../../store/index.js';
import { adminOf, checkRequestOrigin, type CallerServices } from './auth.js';
import { answers } from './responses.js';

const TenantQuery = Type.Object(
  {
    domain: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    contactCenterId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

/** The `<script>` tag that embeds the tenant's widget, loaded from this server. */
function snippetOf(request: FastifyRequest, tenant: Pick<TenantRow, 'domain'>): string {
  // The domain is `[A-Za-z0-9][A-Za-z0-9_.-]*` (DomainSchema): nothing in it needs escaping in an attribute.
  return `<script src="${request.protocol}://${request.host}/widget.js" data-tenant="${tenant.domain}" async></script>`;
}

function answer(request: FastifyRequest, tenant: Pick<TenantRow, 'domain'>, widget: WidgetSettings) {
  return { widget, snippet: snippetOf(request, tenant) };
}

/** The facades the widget settings routes use. */
export type WidgetAdminRoutesServices = CallerServices & Pick<Services, 'tenants'>;

/** `/v1/admin/widget`: a tenant's admins read and change its widget settings and allowed origins. */
export function widgetAdminRoutes(services: WidgetAdminRoutesServices): FastifyPluginCallback {
  const widget = services.tenants.widget;
  return (app, _opts, done) => {
    app.get('/widget', { schema: { response: answers({ 200: WidgetSettingsResponseSchema }) } }, async (request) => {
      const admin = await adminOf(services, request);
      return answer(request, admin.tenant, await widget.settings(admin));
    });
    app.put<{ Body: Static<typeof WidgetSettingsInputSchema> }>(
      '/widget',
      { schema: { body: WidgetSettingsInputSchema, response: answers({ 200: WidgetSettingsResponseSchema }) } },
      async (request) => {
        const admin = await adminOf(services, request);
        return answer(request, admin.tenant, await widget.replace(admin, request.body));
      },
    );
    app.patch<{ Body: Static<typeof WidgetSettingsPatchSchema> }>(
      '/widget',
      { schema: { body: WidgetSettingsPatchSchema, response: answers({ 200: WidgetSettingsResponseSchema }) } },
      async (request) => {
        const admin = await adminOf(services, request);
        return answer(request, admin.tenant, await widget.update(admin, request.body));
      },
    );
    done();
  };
}

/** The facades the public widget route uses. */
export type WidgetPublicRoutesServices = Pick<Services, 'livechat' | 'tenants'>;

/** `/v1/livechat/widget`: what the widget shows (colours, title, greeting, pre-chat form), for any visitor of an allowed page. */
export function widgetPublicRoutes(services: WidgetPublicRoutesServices): FastifyPluginCallback {
  return (app, _opts, done) => {
    app.get<{ Querystring: Static<typeof TenantQuery> }>(
      '/livechat/widget',
      { schema: { querystring: TenantQuery, response: answers({ 200: WidgetAppearanceResponseSchema }) } },
      async (request) => {
        const header = request.headers.contactcenterid;
        const contactCenterId = request.query.contactCenterId ?? (typeof header === 'string' ? header : undefined);
        const tenant = await services.livechat.visitors.tenant({ domain: request.query.domain, contactCenterId });
        checkRequestOrigin(tenant, request);
        return { widget: await services.tenants.widget.appearance(tenant.id) };
      },
    );
    done();
  };
}
