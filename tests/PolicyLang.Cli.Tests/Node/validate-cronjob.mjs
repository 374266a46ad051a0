// Validates Kubernetes CronJob manifests against the Kubernetes schema (npm kubernetes-models).
// Usage: node validate-cronjob.mjs <file.yaml>...; prints "valid <file>" per file, exits 1 with the schema error otherwise.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";

let failed = false;
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      console.error(`${file}: ${document.errors.map((e) => e.message).join("; ")}`);
      failed = true;
      continue;
    }
    try {
      new CronJob(document.toJS()).validate();
      console.log(`valid ${file}`);
    } catch (e) {
      console.error(`${file}: ${e.message}`);
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);
