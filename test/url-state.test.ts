// Reading a control's value back from its URL parameter.
import {describe, expect, it} from "vitest";
import {parseParameter} from "../src/components/url-state.js";

describe("URL parameters", () => {
  it("take the type of the control's value", () => {
    expect(parseParameter("0.4", 0.2)).toBe(0.4);
    expect(parseParameter("1e-3", 0.2)).toBe(0.001);
    expect(parseParameter("Rand", "Normal")).toBe("Rand");
    expect(parseParameter("true", false)).toBe(true);
  });

  it("refuse text that is not a value of that type", () => {
    expect(parseParameter("abc", 0.2)).toBeUndefined();
    expect(parseParameter("", 0.2)).toBeUndefined();
    expect(parseParameter("Infinity", 0.2)).toBeUndefined();
    expect(parseParameter("yes", false)).toBeUndefined();
  });
});
