// The built site's result files as the browser tests read them: a file of data/ by its name
// (Framework adds a content hash), its rows, and the build's settings (whether it trained on all
// of MNIST: the tests of stored runs skip on a preview build).
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {tableFromIPC} from "apache-arrow";
import {site} from "./built-site.js";

const dataDir = join(site, "_file", "data");

/** The bytes of data/`name` in the built site. */
export const builtFile = (name: string): Buffer => {
  const [stem, extension] = [name.slice(0, name.lastIndexOf(".")), name.slice(name.lastIndexOf("."))];
  const file = readdirSync(dataDir).find(
    (f) => f.startsWith(`${stem}.`) && f.endsWith(extension) && f.length === name.length + 9
  );
  if (!file) throw new Error(`no ${name} in ${dataDir}`);
  return readFileSync(join(dataDir, file));
};

/** The rows of the built Arrow file data/`name`. */
export const rowsOfFile = (name: string) =>
  tableFromIPC(builtFile(name))
    .toArray()
    .map((row) => row.toJSON());

/** The build's settings (seeds, kernel, training limit), as Experiment 2's settings table records them. */
export const buildSettings = rowsOfFile("exp2-settings.arrow")[0];
/** Whether the site was built from the full training set (no TRAIN_LIMIT). */
export const fullBuild = buildSettings.trainLimit === 0;
