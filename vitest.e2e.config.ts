import {defineConfig} from "vitest/config";

// Browser tests against the built site (dist/, or SITE_DIR): run `npm run build` first.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false
  }
});
