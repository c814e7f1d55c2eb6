// The journeys' parameter set: the embedded defaults, except that one number may get five
// texts a minute instead of one, so that the messages journey need not wait a minute between
// the town's steps. The limits themselves are tested with the portal's test clock in
// server/tests/portal/messages.rs. Written under target/, never into the repository.
// Usage: node journey-parameters.mjs DEFAULTS.json OUT.json
import { readFileSync, writeFileSync } from 'node:fs';

const [defaults, out] = process.argv.slice(2);
const set = JSON.parse(readFileSync(defaults, 'utf8'));
set.parameters['sms.per_number_per_minute'].schedule = [
  { from: '2019-01-01', value: 5, verified: true, source: 'the browser journeys only (end2end/tools/journey-parameters.mjs)' },
];
writeFileSync(out, JSON.stringify(set, null, 2));
