export { BotDirectory } from './bot-directory.js';
