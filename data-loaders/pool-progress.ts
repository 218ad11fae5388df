// The run pool's progress report: runs and epochs done, the share of the work done (an epoch
// weighted by its cost: a 500-node epoch costs five 100-node ones), samples per second and time
// left, from the progress messages each worker sends.
import {describeRun, type RunRequest} from "./run-key.js";
import type {TrainingProgress} from "./run-training.js";

/** A job of the pool: a run to train from epoch `have` to `epochs`. */
export type PoolJob = RunRequest & {have: number};

export interface PoolProgressOptions {
  jobs: PoolJob[];
  /** What an epoch of `job` costs, relative to the others. */
  weight: (job: PoolJob) => number;
  /** Samples in one epoch of `job`. */
  samples: (job: PoolJob) => number;
  /** Milliseconds since some origin (performance.now); injectable for tests. */
  now?: () => number;
}

export function poolProgress({jobs, weight, samples, now = () => performance.now()}: PoolProgressOptions) {
  const start = now();
  const totalEpochs = jobs.reduce((sum, job) => sum + job.epochs - job.have, 0);
  const totalWork = jobs.reduce((sum, job) => sum + (job.epochs - job.have) * weight(job), 0);
  const done = {runs: 0, epochs: 0, work: 0, samples: 0}; // whole epochs and runs finished
  const current = new Map<number, {job: PoolJob; progress?: TrainingProgress}>();

  /** Counts the epochs a worker's run finished since its last message. */
  const finishEpochs = (job: PoolJob, epochs: number, samplesPerEpoch: number) => {
    done.epochs += epochs;
    done.work += epochs * weight(job);
    done.samples += epochs * samplesPerEpoch;
  };

  return {
    totalEpochs,
    started(worker: number, job: PoolJob): void {
      current.set(worker, {job});
    },
    progress(worker: number, progress: TrainingProgress): void {
      const entry = current.get(worker)!;
      const before = entry.progress;
      if (before && progress.epoch > before.epoch) finishEpochs(entry.job, progress.epoch - before.epoch, before.total);
      current.set(worker, {job: entry.job, progress});
    },
    finished(worker: number): void {
      const {job} = current.get(worker)!;
      finishEpochs(job, 1, samples(job)); // the last epoch of this run
      done.runs++;
      current.delete(worker);
    },
    /** Counts so far, with the share of the work done and the seconds left (NaN before 2% of it). */
    state() {
      const elapsed = (now() - start) / 1000;
      let partialSamples = 0;
      let partialWork = 0;
      for (const {job, progress} of current.values()) {
        if (!progress) continue;
        partialSamples += progress.done;
        partialWork += (weight(job) * progress.done) / progress.total;
      }
      const fraction = totalWork ? (done.work + partialWork) / totalWork : 1;
      // Before 2% of the work is done (workers still loading data, making rotated copies) a
      // projection says nothing: "~172058 s left" at 4 s was seen.
      const left = fraction >= 0.02 ? (elapsed / fraction) * (1 - fraction) : NaN;
      return {...done, fraction, elapsed, left, samplesPerSecond: (done.samples + partialSamples) / elapsed};
    },
    /** One line for stderr: the counts, speed, time left and what each worker trains. */
    line(): string {
      const {runs, epochs, fraction, elapsed, left, samplesPerSecond} = this.state();
      const workers = [...current.entries()].map(
        ([w, {job, progress}]) =>
          `worker ${w + 1}: ${describeRun(job.config)}` +
          (progress
            ? ` epoch ${progress.epoch}/${progress.epochs} ${Math.round((100 * progress.done) / progress.total)}%`
            : "")
      );
      return (
        `runs: ${runs}/${jobs.length} trained, ${epochs}/${totalEpochs} epochs (${Math.round(fraction * 100)}% of the work), ` +
        `${Math.round(samplesPerSecond).toLocaleString("en")} samples/s, ${elapsed.toFixed(0)} s elapsed` +
        `${Number.isFinite(left) ? `, ~${Math.ceil(left)} s left` : ""}; ${workers.join("; ")}`
      );
    }
  };
}
