export { RedisBus, type RedisBusOptions } from './redis-bus.js';
export { RedisPresenceBackend } from './redis-presence.js';
export { RedisRateLimiter, type RateDecision } from './redis-rate-limiter.js';
export { RedisFailureCounter } from './redis-failure-counter.js';
