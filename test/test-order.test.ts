// TEST_ORDER and TEST_SEED (test/test-order.ts): what each asks vitest for, and clear errors.
import {afterEach, describe, expect, it, vi} from "vitest";
import {BaseSequencer, type TestSpecification, type Vitest} from "vitest/node";
import {ReverseSequencer, testOrder} from "./test-order.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("testOrder", () => {
  it("leaves vitest's own order when TEST_ORDER is unset", () => {
    expect(testOrder({})).toEqual({});
  });

  it("reverse: the ReverseSequencer, each file's tests shuffled with the seed", () => {
    const order = testOrder({TEST_ORDER: "reverse"});
    expect(order).toMatchObject({sequencer: ReverseSequencer, shuffle: {files: false, tests: true}, seed: 11});
    expect(testOrder({TEST_ORDER: "reverse", TEST_SEED: "5"}).seed).toBe(5);
  });

  it("names the variable and the value it cannot use", () => {
    expect(() => testOrder({TEST_ORDER: "random"})).toThrow('TEST_ORDER=random: the only order is "reverse"');
    expect(() => testOrder({TEST_ORDER: "reverse", TEST_SEED: "x"})).toThrow("TEST_SEED=x: must be a whole number");
    expect(() => testOrder({TEST_ORDER: "reverse", TEST_SEED: " "})).toThrow("TEST_SEED= : must be a whole number");
  });
});

describe("ReverseSequencer", () => {
  it("runs the files in the reverse of the order vitest's own sequencer picks", async () => {
    const files = ["a", "b", "c"].map((moduleId) => ({moduleId}) as unknown as TestSpecification);
    vi.spyOn(BaseSequencer.prototype, "sort").mockResolvedValue(files);
    const sorted = await new ReverseSequencer({} as Vitest).sort([...files].reverse());
    expect(sorted.map((f) => f.moduleId)).toEqual(["c", "b", "a"]);
  });
});
