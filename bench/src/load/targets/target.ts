import type { Connector } from '../idle.js';
import type { PairChannel } from '../pairs.js';
import type { FanoutChannel } from '../fanout.js';

/** Problems a target saw while a scenario ran; a report shows them beside the figures. */
export interface TargetHealth {
  /** Error acks and error frames (Parley); frames the relay could not route are simply lost. */
  errors: number;
  lastError: string;
  /** Sockets the server closed during the run. */
  unexpectedCloses: number;
}

export interface PairSet {
  pairs: PairChannel[];
  health(): TargetHealth;
  close(): void;
}

/** What `n` pairs need, as set-up created it: a sender and a receiver credential and a chat each. */
export interface PairState {
  senders: { id: string; credential: string }[];
  receivers: { id: string; credential: string }[];
  chats: string[];
}

export interface FanoutSet {
  chats: FanoutChannel[];
  health(): TargetHealth;
  close(): void;
}

/** What the fan-out scenario needs, as set-up created it: group chats and their members. */
export interface FanoutState {
  chats: { id: string; members: { id: string; credential: string }[] }[];
}

/**
 * A server under test, seen from the load generator. Set-up (users, chats, tokens) runs once, on
 * its own server process; every measured run starts a fresh server on a copy of that data, so the
 * set-up's garbage neither slows the run nor blurs the memory it measures.
 */
export interface Target {
  setupPairs(n: number): Promise<PairState>;
  /** Connects the pairs set up earlier. */
  openPairs(state: PairState): Promise<PairSet>;
  /** `chats` group chats of `members` members each. */
  setupFanout(chats: number, members: number): Promise<FanoutState>;
  /** Connects every member; the first `senders` members of each chat send. */
  openFanout(state: FanoutState, senders: number): Promise<FanoutSet>;
  /** Creates what `n` idle connections need and returns one credential per connection. */
  setupIdle(n: number): Promise<string[]>;
  /** How to open idle connection `i` with `credentials[i]`. */
  idleConnector(credentials: string[]): Connector;
}
