export { WebhookService } from './webhook-service.js';
export { WebhookEndpoints, toEndpoint, type EndpointInput, type EndpointPatch } from './endpoints.js';
export { DeliveryLog, type DeliveryQuery } from './deliveries.js';
export { toWebhookEvent, type WebhookEvent } from './event-mapping.js';
export { signWebhook, verifyWebhook, webhookHeaders, generateWebhookSecret } from './signature.js';
export { retryDelay } from './backoff.js';
export { allowsPrivateUrls, checkWebhookUrl, parseWebhookUrl } from './url-policy.js';
