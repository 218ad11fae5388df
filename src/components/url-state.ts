// Controls whose value lives in the page's URL (?lr=0.4&seed=2): opening the URL restores
// them, each settled change is a history entry, and Back and Forward move between them.
// A change is one interaction with a control (a drag, a run of arrow-key steps, typing): its
// first write pushes a history entry and its later writes replace that entry, so Back returns
// to the state before the interaction, not one step of it. An interaction ends when the
// control gains or loses focus or rests for PAUSE.
import {html} from "htl";

/** Any input a page can view(): an element with a settable `value` that fires "input" events. */
export type UrlInput<V> = HTMLElement & {value: V};

/** Milliseconds a control must rest before its value is written to the URL (fewer writes: browsers throttle history calls). */
const SETTLE = 350;
/** Milliseconds without a change after which the next change starts a new interaction (a new history entry). */
const PAUSE = 1000;

/** The interaction whose history entry is the current one (it replaces it); any other pushes a new one. */
let entryOwner: object | undefined;

/** The value a URL parameter stands for, of the same type as the control's current value; undefined if it does not parse. */
export function parseParameter<V>(text: string, like: V): V | undefined {
  if (typeof like === "number") {
    const n = Number(text);
    return text.trim() !== "" && Number.isFinite(n) ? (n as V) : undefined;
  }
  if (typeof like === "boolean") return text === "true" ? (true as V) : text === "false" ? (false as V) : undefined;
  return text as V;
}

/**
 * Binds `input` to the URL parameter `key` and returns it: a value in the URL is applied now,
 * changes are written to the URL, and Back/Forward set the control again (firing "input", so
 * the page updates). A value the control cannot take (not among a select's options, say) is
 * ignored and the control keeps its default. Pass the cell's `invalidation` (Framework's
 * promise): the window's popstate listener is removed with the cell, so a cell run again does
 * not leave the old control listening.
 */
export function urlState<V, T extends UrlInput<V>>(input: T, key: string, invalidation?: Promise<unknown>): T {
  const initial = input.value;
  const apply = (notify: boolean) => {
    const text = new URLSearchParams(location.search).get(key);
    const value = text === null ? initial : parseParameter(text, initial);
    if (value === undefined || Object.is(value, input.value)) return;
    input.value = value;
    if (!Object.is(input.value, value)) input.value = initial; // refused (e.g. not an option)
    if (notify) input.dispatchEvent(new Event("input", {bubbles: true}));
  };
  apply(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let interaction: object | undefined; // the change in progress; a new object is a new history entry
  let pause: ReturnType<typeof setTimeout> | undefined;
  const end = () => {
    clearTimeout(pause);
    interaction = undefined;
  };
  let restoring = false;
  input.addEventListener("input", () => {
    if (restoring) return;
    interaction ??= {};
    const owner = interaction; // a write still pending when the interaction ends belongs to it
    clearTimeout(pause);
    pause = setTimeout(end, PAUSE);
    clearTimeout(timer);
    timer = setTimeout(
      () => writeParameter(key, input.value === initial ? undefined : String(input.value), owner),
      SETTLE
    );
  });
  input.addEventListener("focusin", end);
  input.addEventListener("focusout", end);
  const restore = () => {
    clearTimeout(timer);
    end();
    entryOwner = undefined; // after Back or Forward, the next change is a new entry
    if (!input.isConnected) return; // a control the page has since replaced
    restoring = true;
    try {
      apply(true);
    } finally {
      restoring = false;
    }
  };
  addEventListener("popstate", restore);
  invalidation?.then(() => removeEventListener("popstate", restore));
  return input;
}

/**
 * Sets (or, with undefined, removes) one URL parameter, if it changes the URL: as a new history
 * entry, or in place of the current one if `owner` (an interaction) made that entry.
 */
export function writeParameter(key: string, text: string | undefined, owner?: object): void {
  const url = new URL(location.href);
  if (text === undefined) url.searchParams.delete(key);
  else url.searchParams.set(key, text);
  if (url.href === location.href) return;
  if (owner && owner === entryOwner) {
    history.replaceState(history.state, "", url);
  } else {
    history.pushState(null, "", url);
    entryOwner = owner;
  }
}

/** A "Copy link" button: the page's URL, with every control's state, to the clipboard. */
export function copyLink(): HTMLButtonElement {
  const button =
    html`<button type="button" class="copy-link" title="Copy a link to this page with the current settings">Copy link</button>` as HTMLButtonElement;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      button.textContent = "Link copied";
    } catch {
      // No clipboard (an insecure origin, or permission refused): show the link to copy by hand.
      prompt("Copy this link:", location.href);
    }
    setTimeout(() => {
      button.textContent = "Copy link";
    }, 2000);
  });
  return button;
}
