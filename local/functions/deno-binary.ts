/** @module Finds the Deno executable of the `deno` npm package, and the npm registry (and CA file) Deno should download with. */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

let executable: string | undefined;

/**
 * The path of the Deno binary installed by the `deno` npm package (`DENO_BIN`
 * overrides it). The package's postinstall copies the platform binary next to its
 * `package.json`; when that copy is missing (read-only install) its own installer
 * resolves the `@deno/<platform>` package instead.
 */
export function denoExecutable(): string {
  if (executable) return executable;
  if (process.env.DENO_BIN) return (executable = process.env.DENO_BIN);
  const packageDir = dirname(require.resolve("deno/package.json"));
  const copied = join(packageDir, process.platform === "win32" ? "deno.exe" : "deno");
  if (existsSync(copied)) return (executable = copied);
  const installer = require(join(packageDir, "install_api.cjs")) as { runInstall(): string };
  return (executable = installer.runInstall());
}

export interface NpmSettings {
  /** The registry URL npm installs from. */
  registry?: string;
  /** The CA bundle npm trusts (behind a TLS-inspecting proxy Deno needs it too). */
  cafile?: string;
}

let fromNpm: Promise<NpmSettings> | undefined;

function askNpm(): Promise<NpmSettings> {
  fromNpm ??= new Promise((resolve) => {
    const options = { timeout: 10_000, shell: process.platform === "win32" };
    execFile("npm", ["config", "get", "registry", "cafile"], options, (error, stdout) => {
      const settings: NpmSettings = {};
      for (const line of error ? [] : String(stdout).split(/\r?\n/)) {
        const [, key, value] = line.match(/^(registry|cafile)=(.*)$/) ?? [];
        if (key && value && value !== "null" && value !== "undefined") settings[key as keyof NpmSettings] = value.trim();
      }
      resolve(settings);
    });
  });
  return fromNpm;
}

/**
 * The registry and CA file npm itself uses, read at run time: `npm_config_registry`
 * / `npm_config_cafile` when set (npm sets them for the scripts it runs), else
 * `npm config get`. Missing values stay undefined and Deno keeps its defaults.
 */
export async function npmSettings(env: NodeJS.ProcessEnv = process.env): Promise<NpmSettings> {
  const registry = env.NPM_CONFIG_REGISTRY ?? env.npm_config_registry;
  const cafile = env.NPM_CONFIG_CAFILE ?? env.npm_config_cafile;
  if (registry && cafile) return { registry, cafile };
  const asked = await askNpm();
  return { registry: registry ?? asked.registry, cafile: cafile ?? asked.cafile };
}
