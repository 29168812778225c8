#!/usr/bin/env node
// A committed launcher, so installing the workspace links this bin before the first build.
await import('../dist/cli.js');
