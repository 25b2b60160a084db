import { runCli } from './run.js';

/** The `parley` command (packages/server/bin/parley.js runs the built copy of this file). */
runCli(process.argv.slice(2)).then(
  (code) => {
    // null: `start` is serving; every other command ends here.
    if (code !== null) process.exit(code);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
