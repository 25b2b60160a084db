import { runCli } from './cli/run.js';

/**
 * Starts one Parley node (`npm start`; the same as `parley start`) from the environment and an
 * optional `--config FILE`, and stops it gracefully on SIGTERM / SIGINT.
 */
runCli(['start', ...process.argv.slice(2)]).then(
  (code) => {
    if (code !== null) process.exit(code);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
