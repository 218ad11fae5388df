// The image files the own-image tests make: MNIST test digits drawn into PNGs of several sizes
// (dark on light, light on dark, on a transparent background), a JPEG and a WebP, by the page's
// own canvas, so the browser's encoders make them.
import type {Page} from "playwright-core";
import {loadDataset} from "../../data-loaders/dataset.js";

/** How the test draws a 28x28 test digit into an image file. */
export interface Drawn {
  name: string;
  /** Index of the MNIST test image drawn. */
  index: number;
  width: number;
  height: number;
  /** Screen pixels per digit pixel, and where the digit's top-left corner goes. */
  scale: number;
  at: [number, number];
  mode: "dark on light" | "light on dark" | "on transparent";
  type: "image/png" | "image/jpeg" | "image/webp";
}

export const FILES: Drawn[] = [
  {
    name: "book-28.png",
    index: 0,
    width: 28,
    height: 28,
    scale: 1,
    at: [0, 0],
    mode: "dark on light",
    type: "image/png"
  },
  {
    name: "big-140.png",
    index: 0,
    width: 140,
    height: 140,
    scale: 5,
    at: [0, 0],
    mode: "dark on light",
    type: "image/png"
  },
  {
    name: "chalk-300x200.png",
    index: 1,
    width: 300,
    height: 200,
    scale: 6,
    at: [66, 16],
    mode: "light on dark",
    type: "image/png"
  },
  {
    name: "alpha-84.png",
    index: 3,
    width: 84,
    height: 84,
    scale: 3,
    at: [0, 0],
    mode: "on transparent",
    type: "image/png"
  },
  {
    name: "photo-200.jpg",
    index: 4,
    width: 200,
    height: 200,
    scale: 7,
    at: [2, 2],
    mode: "dark on light",
    type: "image/jpeg"
  },
  // Larger than the page reads at (MAX_SIDE, 1024 px): the browser scales it down first.
  {
    name: "scan-1400x1100.png",
    index: 2,
    width: 1400,
    height: 1100,
    scale: 36,
    at: [196, 46],
    mode: "dark on light",
    type: "image/png"
  },
  {
    name: "pad.webp",
    index: 7,
    width: 160,
    height: 160,
    scale: 5,
    at: [10, 10],
    mode: "dark on light",
    type: "image/webp"
  }
];

const test = loadDataset().test;

/** The label of the test digit a file holds. */
export const label = (file: Drawn) => test.labels[file.index];

/** The file's bytes, drawn by the page's canvas (so the browser's own encoders make the PNGs and the JPEG). */
export function draw(page: Page, file: Drawn): Promise<Buffer> {
  const pixels = Array.from(test.pixels.subarray(file.index * 784, file.index * 784 + 784));
  return page
    .evaluate(
      async ({file, pixels}) => {
        const small = Object.assign(document.createElement("canvas"), {width: 28, height: 28});
        const image = small.getContext("2d")!.createImageData(28, 28);
        pixels.forEach((v, i) => {
          const colour =
            file.mode === "dark on light"
              ? [255 - v, 255 - v, 255 - v, 255]
              : file.mode === "light on dark"
                ? [v, v, v, 255]
                : [0, 0, 0, v];
          image.data.set(colour, 4 * i);
        });
        small.getContext("2d")!.putImageData(image, 0, 0);
        const canvas = Object.assign(document.createElement("canvas"), {width: file.width, height: file.height});
        const context = canvas.getContext("2d")!;
        if (file.mode !== "on transparent") {
          context.fillStyle = file.mode === "dark on light" ? "#fff" : "#000";
          context.fillRect(0, 0, file.width, file.height);
        }
        context.imageSmoothingEnabled = file.scale % 1 !== 0;
        context.drawImage(small, file.at[0], file.at[1], 28 * file.scale, 28 * file.scale);
        const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), file.type, 0.9));
        return Array.from(new Uint8Array(await blob.arrayBuffer()));
      },
      {file, pixels}
    )
    .then((bytes) => Buffer.from(bytes));
}
