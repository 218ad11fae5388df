// Progress on stderr for long training: what runs, how far, how fast, time left.
// Throttled to one line every few seconds, since loaders' stderr is usually not a TTY.

export interface TrainingProgress {
  epoch: number;
  epochs: number;
  done: number;
  total: number;
}

export function progressReporter(label: string, everyMs = 3000, write = (line: string) => process.stderr.write(line)) {
  const start = performance.now();
  let last = -Infinity;
  let before: number | undefined; // samples already trained when reporting began (a resumed run)
  return ({epoch, epochs, done, total}: TrainingProgress) => {
    const now = performance.now();
    const finished = epoch === epochs && done === total;
    if (now - last < everyMs && !finished) return;
    last = now;
    const samples = (epoch - 1) * total + done;
    before ??= (epoch - 1) * total;
    const rate = (samples - before) / ((now - start) / 1000);
    const left = (epochs * total - samples) / rate;
    write(
      `  ${label}: epoch ${epoch}/${epochs}, ${done.toLocaleString("en")}/${total.toLocaleString("en")} samples, ` +
        `${Math.round(rate).toLocaleString("en")} samples/s, ${finished ? "done" : `~${Math.ceil(left)} s left`}\n`
    );
  };
}
