export type { Bus, BusHandler, BusMessage, NodeInfo, Presence, ResyncHandler, ResyncReason } from './types.js';
export { ClusterBus, type ClusterBusOptions } from './cluster-bus.js';
export { decode, encode, type ClusterMessage } from './cluster-message.js';
export { InProcessBus, InProcessHub } from './in-process.js';
export { MemoryPresenceBackend, type PresenceBackend, type UserRef } from './presence-backend.js';
export { RedisBus, RedisPresenceBackend, RedisRateLimiter, RedisFailureCounter, type RateDecision, type RedisBusOptions } from './redis/index.js';
export { createBus, type CreateBusOptions } from './create-bus.js';
