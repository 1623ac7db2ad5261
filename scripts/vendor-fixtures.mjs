#!/usr/bin/env node
// Regenerates vendor-reference/ from the vendor's reference in ../shared/api (beside the
// repository, where the project's maintainers keep it). The tests read only the files this
// writes, which are committed: a clone with no shared/ beside it builds and tests as is.
//
// What is kept: every documented example answer (status and JSON body) of every endpoint,
// under the same paths as in the vendor file (`paths.<path>.<method>.responses.<status>
// .content["application/json"].example`), so a test looks an example up the way it would
// in the vendor's own file; and the lifecycle entities' schemas (businesses, staff, installs).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const shared = process.env.INTANDEM_SHARED_API ?? join(root, "..", "shared", "api");
const out = join(root, "vendor-reference");

if (!existsSync(join(shared, "intandem-platform.openapi.json"))) {
  console.log(
    `No vendor reference at ${shared} (set INTANDEM_SHARED_API to its folder): ` +
      "vendor-reference/ is left as committed.",
  );
  process.exit(0);
}

const read = (file) => JSON.parse(readFileSync(join(shared, file), "utf8"));

/**
 * Only the example answers of an OpenAPI 3 or Swagger 2 file (and each operation's request
 * body schema, when it has one), in the file's own order and in OpenAPI 3's shape.
 */
function examplesOf(spec) {
  const paths = {};
  for (const [path, methods] of Object.entries(spec.paths ?? {})) {
    for (const [method, operation] of Object.entries(methods)) {
      if (typeof operation !== "object" || operation === null || !operation.responses) continue;
      const responses = {};
      for (const [status, response] of Object.entries(operation.responses)) {
        const example =
          response?.content?.["application/json"]?.example ?? response?.examples?.["application/json"];
        responses[status] =
          example === undefined
            ? { description: response?.description ?? "" }
            : { content: { "application/json": { example } } };
      }
      const kept = { responses };
      const body =
        operation.requestBody?.content?.["application/json"]?.schema ??
        (operation.parameters ?? []).find((p) => p.in === "body")?.schema;
      if (body !== undefined) kept.request_schema = body;
      paths[path] ??= {};
      paths[path][method] = kept;
    }
  }
  return paths;
}

function write(name, value) {
  writeFileSync(join(out, name), JSON.stringify(value, null, 2) + "\n");
  console.log(`wrote vendor-reference/${name}`);
}

mkdirSync(out, { recursive: true });
const platform = read("intandem-platform.openapi.json");
write("platform-examples.json", {
  source: "intandem-platform.openapi.json",
  info: platform.info ?? {},
  paths: examplesOf(platform),
});

const lifecycle = join(shared, "lifecycle");
if (existsSync(lifecycle)) {
  const installs = read("lifecycle/apps-v3-business-app-installs.openapi.json");
  const businesses = read("lifecycle/platform-v1-businesses-webhooks.swagger.json");
  write("lifecycle-examples.json", {
    source: "lifecycle/",
    paths: { ...examplesOf(businesses), ...examplesOf(installs) },
    schemas: {
      ...(installs.components?.schemas ?? {}),
      BusinessAppInstall: read("lifecycle/business-app-install.schema.json"),
    },
  });
}
