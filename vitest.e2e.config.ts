import {defineConfig} from "vitest/config";
import {testOrder} from "./test/test-order.js";

// Browser tests against the built site (dist/, or SITE_DIR): run `npm run build` first.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    sequence: testOrder() // TEST_ORDER=reverse npm run test:e2e: files in reverse, tests shuffled
  }
});
