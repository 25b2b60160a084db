export { importSeedMessages, type ImportReport } from './import-seed.js';
export { parseSeedItem, type SeedItem, type SeedProblem } from './parse-seed.js';
