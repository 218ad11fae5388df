// TEST_ORDER=reverse: the test files in the reverse of vitest's usual order, and each file's
// tests shuffled (TEST_SEED, default 11), so that a test leaning on what another left behind (a
// built dist/, a filled store, an edit not undone) fails. Used by vitest.config.ts and
// vitest.e2e.config.ts; unset, vitest's own order.
import {BaseSequencer, type InlineConfig, type TestSpecification} from "vitest/node";

type SequenceOptions = NonNullable<InlineConfig["sequence"]>;

/** Runs the test files in the reverse of the order vitest's own sequencer picks. */
export class ReverseSequencer extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return (await super.sort(files)).reverse();
  }
}

/** vitest's `sequence` option for the TEST_ORDER and TEST_SEED variables; an unknown order is an error naming it. */
export function testOrder(env = process.env): SequenceOptions {
  const order = env.TEST_ORDER;
  if (!order) return {};
  if (order !== "reverse") throw new Error(`TEST_ORDER=${order}: the only order is "reverse" (or leave it unset)`);
  const seed = Number(env.TEST_SEED ?? 11);
  if (env.TEST_SEED?.trim() === "" || !Number.isInteger(seed))
    throw new Error(`TEST_SEED=${env.TEST_SEED}: must be a whole number`);
  return {sequencer: ReverseSequencer, shuffle: {files: false, tests: true}, seed};
}
