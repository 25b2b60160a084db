/** The seeds' own APIs, served beside the native one: their requests and answers as schemas and types. */
export * from './ctlive.js';
export * from './customer-chat.js';
