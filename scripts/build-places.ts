// `npm run places:bundle [-- GEO_DIR]`: rebuilds geo/places.tsv.gz from the downloaded
// Gemeindeverzeichnis and postcode files (default ../shared/data/geo beside the checkout).
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { formatImportProblem } from "../src/places/import.js";
import { bundleFile } from "../src/places/bundle.js";
import { encodePlacesBundle } from "../src/places/bundle-build.js";
import { projectRoot } from "../src/paths.js";

const dir = resolve(process.argv[2] ?? join(projectRoot(), "..", "shared", "data", "geo"));
const gvName = "gemeindeverzeichnis-auszug.csv";
const plzName = "zuordnung_plz_ort_landkreis.csv";
const { text, problems, dropped } = encodePlacesBundle(gvName, readFileSync(join(dir, gvName), "utf8"), plzName, readFileSync(join(dir, plzName), "utf8"));
if (problems.length > 0) {
  process.stderr.write(`not built: ${problems.length} bad rows\n${problems.slice(0, 50).map(formatImportProblem).join("\n")}\n`);
  process.exit(1);
}
// level 9 and no file name or time in the header: the same input gives the same bytes
const gz = gzipSync(Buffer.from(text, "utf8"), { level: 9 });
writeFileSync(bundleFile(), gz);
const lines = text.split("\n").filter((l) => l !== "" && !l.startsWith("#")).length;
process.stdout.write(
  `${bundleFile()}: ${lines} places, ${(gz.length / 1024).toFixed(0)} KiB (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB unpacked)` +
    `${dropped.length ? `; ${dropped.length} postcode rows left out, their place is not in the Gemeindeverzeichnis: ${dropped.map((d) => `${d.plz}→${d.key}`).join(", ")}` : ""}\n`,
);
