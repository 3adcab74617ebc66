#!/usr/bin/env node
// Thin launcher: all logic lives in the compiled CLI.
import { setFlagsFromString } from 'node:v8';

// A lint run is short, so V8's optimising compiler is a large share of its CPU: on Node 20
// (V8 11, which has no mid-tier compiler) background compiles were about 0.8 s of a 1,000-page
// crawl. A larger tier-up budget compiles fewer functions, later (measured there: 12% less wall
// time and 15% less CPU at 1,000 pages, none lost at 5,000). Newer V8s tier up through Maglev
// and gain nothing from it (Node 21's V8 11.8 is left alone too).
if (process.versions.v8.startsWith('11.3.')) setFlagsFromString('--interrupt-budget=400000');

const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
