import {defineConfig} from "vitest/config";
import {testOrder} from "./test/test-order.js";

// Two sets, both run by `npm test`: "unit" (engine, run store, tables, components; seconds) and
// "build" (tests in test/build/ that run the build, the command line or the training pool on
// copies of the project; minutes). `npm run test:unit` runs the first only.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 300_000,
    setupFiles: ["test/without-scheduler.ts"], // no job scheduler's shard reaches a spawned build
    sequence: testOrder(), // TEST_ORDER=reverse npm test: files in reverse, tests shuffled
    projects: [
      {extends: true, test: {name: "unit", include: ["test/*.test.ts"], pool: "threads"}},
      {extends: true, test: {name: "build", include: ["test/build/*.test.ts"]}}
    ]
  }
});
