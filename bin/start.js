#!/usr/bin/env node
// Entry point of `npm start`: names a missing or stale build (never compiles, never runs old
// code), then runs the built program dist/src/main.js.
import { requireBuild } from "./build-stamp.js";

requireBuild("dist/src/main.js");
await import("../dist/src/main.js");
