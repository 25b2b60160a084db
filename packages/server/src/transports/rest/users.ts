/** The command line still reaches the user mapper here; the mapper itself lives in transports/wire. */
export { toUser } from '../wire/user.js';
