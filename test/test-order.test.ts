// TEST_ORDER and TEST_SEED (test/test-order.ts): what each asks vitest for, and clear errors.
import {describe, expect, it} from "vitest";
import {testOrder} from "./test-order.js";

describe("testOrder", () => {
  it("leaves vitest's own order when TEST_ORDER is unset", () => {
    expect(testOrder({})).toEqual({});
  });

  it("reverse: a sequencer that reverses the files, each file's tests shuffled with the seed", () => {
    const order = testOrder({TEST_ORDER: "reverse"});
    expect(order.shuffle).toEqual({files: false, tests: true});
    expect(order.seed).toBe(11);
    expect(order.sequencer?.name).toBe("ReverseSequencer");
    expect(testOrder({TEST_ORDER: "reverse", TEST_SEED: "5"}).seed).toBe(5);
  });

  it("names the variable and the value it cannot use", () => {
    expect(() => testOrder({TEST_ORDER: "random"})).toThrow('TEST_ORDER=random: the only order is "reverse"');
    expect(() => testOrder({TEST_ORDER: "reverse", TEST_SEED: "x"})).toThrow("TEST_SEED=x: must be a whole number");
  });
});
