// Reading a control's value back from its URL parameter, and how changes become history entries.
import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {parseParameter, type UrlInput, urlState} from "../src/components/url-state.js";

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

/**
 * A browser's session history, small enough to read: entries of URLs, pushState/replaceState,
 * and back() firing "popstate" on the window as a browser does. Installed as the globals
 * url-state.ts uses (location, history, addEventListener, removeEventListener).
 */
function fakeWindow(start: string) {
  const window = new EventTarget();
  const entries = [start];
  let index = 0;
  const history = {
    state: null,
    pushState(_state: unknown, _title: string, url: string | URL) {
      entries.splice(index + 1, Infinity, String(url));
      index++;
    },
    replaceState(_state: unknown, _title: string, url: string | URL) {
      entries[index] = String(url);
    },
    back() {
      index = Math.max(0, index - 1);
      window.dispatchEvent(new Event("popstate"));
    }
  };
  vi.stubGlobal("history", history);
  vi.stubGlobal("location", {
    get href() {
      return entries[index];
    },
    get search() {
      return new URL(entries[index]).search;
    }
  });
  vi.stubGlobal("addEventListener", window.addEventListener.bind(window));
  vi.stubGlobal("removeEventListener", window.removeEventListener.bind(window));
  return {
    history,
    entries,
    get index() {
      return index;
    }
  };
}

/** A slider-like control: a value, "input" events, focus events; like Inputs.range to urlState. */
function fakeSlider(value: number): UrlInput<number> {
  return Object.assign(new EventTarget(), {value, isConnected: true}) as unknown as UrlInput<number>;
}

/** One arrow-key step: the value moves by `step` and the control fires "input", as a browser's slider does. */
function step(control: UrlInput<number>, by = 0.001) {
  control.value = Math.round((control.value + by) * 1000) / 1000;
  control.dispatchEvent(new Event("input", {bubbles: true}));
}

/** `count` arrow-key steps of `control`, `ms` apart, as a reader holding or tapping a key. */
function stepsApart(control: UrlInput<number>, count: number, ms: number) {
  for (let i = 0; i < count; i++) {
    step(control);
    vi.advanceTimersByTime(ms);
  }
}

describe("URL state history", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("makes one history entry of ten arrow-key steps 400 ms apart", () => {
    const browser = fakeWindow("https://example.org/page.html");
    const lr = urlState(fakeSlider(0.1), "lr");
    lr.dispatchEvent(new Event("focusin"));
    stepsApart(lr, 10, 400);
    vi.advanceTimersByTime(2000);
    expect(browser.entries).toEqual(["https://example.org/page.html", "https://example.org/page.html?lr=0.11"]);
  });

  it("makes two entries of two interactions, and Back returns to the state before the second", () => {
    const browser = fakeWindow("https://example.org/page.html");
    const lr = urlState(fakeSlider(0.1), "lr");
    lr.dispatchEvent(new Event("focusin"));
    stepsApart(lr, 5, 400);
    vi.advanceTimersByTime(1500); // the reader stops, then steps again
    stepsApart(lr, 5, 400);
    vi.advanceTimersByTime(2000);
    expect(browser.entries.map((url) => new URL(url).search)).toEqual(["", "?lr=0.105", "?lr=0.11"]);
    browser.history.back();
    expect(lr.value).toBe(0.105);
    browser.history.back();
    expect(lr.value).toBe(0.1);
  });

  it("starts a new entry when the control gains focus again, however soon", () => {
    const browser = fakeWindow("https://example.org/page.html");
    const lr = urlState(fakeSlider(0.1), "lr");
    step(lr);
    vi.advanceTimersByTime(400);
    lr.dispatchEvent(new Event("focusout"));
    lr.dispatchEvent(new Event("focusin"));
    step(lr);
    vi.advanceTimersByTime(400);
    expect(browser.entries.map((url) => new URL(url).search)).toEqual(["", "?lr=0.101", "?lr=0.102"]);
  });

  it("starts a new entry after Back, instead of overwriting the entry Back returned to", () => {
    const browser = fakeWindow("https://example.org/page.html");
    const lr = urlState(fakeSlider(0.1), "lr");
    step(lr);
    vi.advanceTimersByTime(400);
    browser.history.back();
    expect(lr.value).toBe(0.1);
    step(lr, 0.005);
    vi.advanceTimersByTime(400);
    expect(browser.entries.map((url) => new URL(url).search)).toEqual(["", "?lr=0.105"]);
    expect(browser.index).toBe(1);
  });

  it("lets two controls changed one after the other each make their own entry", () => {
    const browser = fakeWindow("https://example.org/page.html");
    const lr = urlState(fakeSlider(0.1), "lr");
    const epochs = urlState(fakeSlider(1), "epochs");
    step(lr);
    vi.advanceTimersByTime(400);
    step(epochs, 1);
    vi.advanceTimersByTime(400);
    expect(browser.entries.map((url) => new URL(url).search)).toEqual(["", "?lr=0.101", "?lr=0.101&epochs=2"]);
  });

  it("stops listening to Back and Forward when the cell is invalidated", async () => {
    const browser = fakeWindow("https://example.org/page.html");
    let invalidate = () => {};
    const invalidation = new Promise<void>((resolve) => {
      invalidate = resolve;
    });
    const lr = urlState(fakeSlider(0.1), "lr", invalidation);
    step(lr);
    vi.advanceTimersByTime(400);
    invalidate();
    await invalidation;
    browser.history.back();
    expect(lr.value).toBe(0.101); // the old control is left as it was
    expect(new URL(browser.entries[browser.index]).search).toBe("");
  });
});
