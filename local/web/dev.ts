/** @module `npm run dev:web`: Vite's dev server (hot reload) for the SPA, pointed at the local stack of `npm start`. */
import { fileURLToPath } from "node:url";
import { createServer } from "vite";
import { configFromEnv } from "../config.ts";
import { loadOrCreateKeys } from "../keys.ts";

const config = configFromEnv();
const keys = await loadOrCreateKeys(config.dataDir);
// Vite exposes VITE_* from the environment to the app; set ones win.
process.env.VITE_SUPABASE_URL ??= `http://${config.host}:${config.port}`;
process.env.VITE_SUPABASE_ANON_KEY ??= keys.anonKey;
const server = await createServer({
  configFile: fileURLToPath(new URL("../../web/vite.config.ts", import.meta.url)),
  server: { host: config.host, port: Number(process.env.CODEFORGE_WEB_PORT ?? 5173) },
});
await server.listen();
server.printUrls();
console.log(`  ➜  Backend: ${process.env.VITE_SUPABASE_URL} (start it with npm start)`);
