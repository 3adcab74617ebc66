#!/usr/bin/env node
// Thin launcher: all logic lives in the compiled CLI.
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
