/**
 * Stands in for the `ws` package in browser bundles: the SDK imports it only where no global
 * WebSocket exists, which no browser is.
 */
const NoWebSocket = globalThis.WebSocket;
export default NoWebSocket;
