export { ParleyMetrics, type MetricSources } from './registry.js';
export { instrumentStore } from './instrument-store.js';
export { gatewayObserver } from './gateway-observer.js';
export { registerHttpMetrics } from './http-metrics.js';
export { registerMetricsRoute } from './route.js';
