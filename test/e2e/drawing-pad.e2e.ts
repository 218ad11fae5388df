// drawingPad, drawn on with a mouse, a finger and a pen in Chromium (see component-page.ts).
import {describe, expect, it} from "vitest";
import {centreOfMass} from "../fixtures.js";
import {componentPage} from "./component-page.js";

const {page, render} = componentPage(["drawing-pad"]);

describe("drawingPad", () => {
  it("drawingPad: a pointer stroke becomes a centred 28x28 digit, live; Clear empties it", async () => {
    await render(`drawingPad({size: 200, pen: 16})`);
    await page().evaluate(() => {
      const pad = document.querySelector(".drawing-pad") as HTMLElement & {value: Uint8Array};
      (globalThis as any).inputs = 0;
      pad.addEventListener("input", () => (globalThis as any).inputs++);
    });
    const box = (await page().locator(".drawing-pad canvas").boundingBox())!;
    // A horizontal stroke in the top-left corner: the digit comes out centred all the same.
    await page().mouse.move(box.x + 20, box.y + 30);
    await page().mouse.down();
    for (let x = 20; x <= 80; x += 10) await page().mouse.move(box.x + x, box.y + 30);
    const whileDrawing = await page().evaluate(
      () => new Promise((r) => requestAnimationFrame(() => r((globalThis as any).inputs)))
    );
    await page().mouse.up();
    expect(whileDrawing).toBeGreaterThan(0); // updates before the pen is lifted
    const digit = await page().evaluate(() =>
      Array.from((document.querySelector(".drawing-pad") as HTMLElement & {value: Uint8Array}).value)
    );
    expect(digit).toHaveLength(784);
    const [cx, cy] = centreOfMass(digit);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    expect(digit.filter((v) => v > 0).length).toBeGreaterThan(20); // a 20-wide bar of ink
    await page().locator(".drawing-pad button", {hasText: "Clear"}).click();
    await page().waitForFunction(() =>
      (document.querySelector(".drawing-pad") as HTMLElement & {value: Uint8Array}).value.every((v) => v === 0)
    );

    // A finger and a pen draw the same way: pointer events of those types ink the pad too.
    for (const pointerType of ["touch", "pen"]) {
      const inked = await page().evaluate(async (type) => {
        const pad = document.querySelector(".drawing-pad") as HTMLElement & {value: Uint8Array};
        const canvas = pad.querySelector("canvas")!;
        const box = canvas.getBoundingClientRect();
        const at = (name: string, y: number) =>
          canvas.dispatchEvent(
            new PointerEvent(name, {
              pointerId: 7,
              pointerType: type,
              isPrimary: true,
              bubbles: true,
              clientX: box.left + 100,
              clientY: box.top + y
            })
          );
        at("pointerdown", 40);
        for (let y = 50; y <= 160; y += 10) at("pointermove", y);
        at("pointerup", 160);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const ink = pad.value.filter((v) => v > 0).length;
        pad.querySelector("button")!.click();
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return ink;
      }, pointerType);
      expect(inked, pointerType).toBeGreaterThan(20);
    }
  });
});
