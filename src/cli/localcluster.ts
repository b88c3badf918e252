#!/usr/bin/env node
// Placeholder until localcluster lands.
import { runMain, UserError } from './errors.js';

await runMain('localcluster', async () => {
  throw new UserError('not available yet', 2);
});
