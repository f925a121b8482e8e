/** @module `npm run gen:openapi`: writes docs/openapi.json from the functions' zod schemas. */
import { writeFile } from "node:fs/promises";
import { openApiDocument } from "../shared/protocol/openapi.ts";

await writeFile(new URL("../docs/openapi.json", import.meta.url), `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log("wrote docs/openapi.json");
