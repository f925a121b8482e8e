/** The docs a newcomer reads stay true to the repository: every function and migration is named, every link resolves, the README stays short. */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const read = (path: string) => readFileSync(join(root, path), "utf8");
const docs = readdirSync(join(root, "docs")).filter((file) => file.endsWith(".md")).map((file) => `docs/${file}`);

describe("the docs", () => {
  it("name every function in supabase/config.toml in the API reference", () => {
    const functions = [...read("supabase/config.toml").matchAll(/^\[functions\.([\w-]+)\]/gm)].map((m) => m[1]!);
    expect(functions.length).toBeGreaterThan(5);
    const api = read("docs/api.md");
    expect(functions.filter((name) => !api.includes(`\`${name}\``))).toEqual([]);
  });

  it("name every migration in the database doc", () => {
    const migrations = readdirSync(join(root, "supabase/migrations")).map((file) => file.replace(/\.sql$/, ""));
    const database = read("docs/database.md");
    expect(migrations.filter((name) => !database.includes(name))).toEqual([]);
  });

  it("link only to files that exist", () => {
    const broken = ["README.md", "functions/README.md", ...docs].flatMap((doc) =>
      [...read(doc).matchAll(/\]\(([^)#:\s]+)(#[^)]*)?\)/g)]
        .map((m) => m[1]!)
        .filter((target) => !existsSync(join(root, dirname(doc), target)))
        .map((target) => `${doc} → ${target}`),
    );
    expect(broken).toEqual([]);
  });

  it("are what the code cites: no source file names a specification document, which is not in the repository", () => {
    const tracked = execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" }).split("\n");
    const sources = tracked.filter((file) => /\.(ts|tsx|css|html|mjs|md|sql)$/.test(file));
    expect(sources.filter((file) => /seed 00\d/i.test(read(file)))).toEqual([]);
  });

  it("keep the README a short front door with the three commands", () => {
    const readme = read("README.md");
    expect(readme.split("\n").length).toBeLessThan(100);
    for (const command of ["npm install", "npm start", "npm test"]) expect(readme).toContain(command);
    for (const doc of docs) expect(readme).toContain(`(${doc})`);
  });
});
