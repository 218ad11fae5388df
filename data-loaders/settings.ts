// Build settings from environment variables, checked: a bad value names the variable.

export class SettingsError extends Error {
  name = "SettingsError";
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new SettingsError(`${name}=${text}: must be a positive integer`);
  return value;
}

export interface Settings {
  /** TRAIN_LIMIT=N: train on the first N training images only (tests, quick previews). */
  trainLimit?: number;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  return {trainLimit: positiveInteger(env, "TRAIN_LIMIT")};
}
