/** Version of the WebSocket protocol described in docs/protocol.md. */
export const PROTOCOL_VERSION = 1;
/** Subprotocol a client offers; a browser passes its token as a second one: `bearer.<token>`. */
export const SUBPROTOCOL = 'parley.v1';
export const BEARER_SUBPROTOCOL_PREFIX = 'bearer.';
/** Path of the WebSocket endpoint. */
export const WS_PATH = '/v1/ws';
