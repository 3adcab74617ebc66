import { claimsOf } from './helpers.js';
for (const t of process.argv.slice(2)) console.log(t, JSON.stringify(claimsOf(t).map((c) => [c.topic, c.stance, c.scope, c.confidence])));
