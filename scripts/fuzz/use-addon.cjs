// Preloaded into the fuzzer's process: Jazzer.js's addon is required from the compatible copy named by
// PARLEY_JAZZER_ADDON (see jazzer-compat.mjs).
const Module = require('node:module');
const addon = process.env.PARLEY_JAZZER_ADDON;
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (addon && typeof request === 'string' && /fuzzer-linux-x64\.node$/.test(request)) return addon;
  return resolve.call(this, request, ...rest);
};
