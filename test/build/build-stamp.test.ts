// `npm start` and `wegweiser` never compile and never run a build older than the sources: the
// entry points compare dist/'s build stamp with the sources and name the command that fixes it.
import { spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers.js";

/** a tiny project with the real entry and stamp scripts; its "program" prints "ran" */
function project(): string {
  const dir = tempDir("wegweiser-stamp-");
  mkdirSync(join(dir, "bin"));
  for (const f of ["start.js", "build-stamp.js"]) copyFileSync(join(ROOT, "bin", f), join(dir, "bin", f));
  mkdirSync(join(dir, "src", "channels"), { recursive: true });
  writeFileSync(join(dir, "src", "main.ts"), "export {};\n");
  writeFileSync(join(dir, "src", "channels", "a.ts"), "export const a = 1;\n");
  writeFileSync(join(dir, "tsconfig.json"), "{}\n");
  writeFileSync(join(dir, "tsconfig.build.json"), "{}\n");
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  mkdirSync(join(dir, "dist", "src"), { recursive: true });
  writeFileSync(join(dir, "dist", "src", "main.js"), 'process.stdout.write("ran\\n");\n');
  return dir;
}

const stamp = (dir: string) => spawnSync(process.execPath, [join(dir, "bin", "build-stamp.js"), "--write"], { encoding: "utf8" });
const start = (dir: string) => spawnSync(process.execPath, [join(dir, "bin", "start.js")], { encoding: "utf8" });

describe("the build stamp", () => {
  it("lets a build made from the current sources run", () => {
    const dir = project();
    expect(stamp(dir).status).toBe(0);
    const r = start(dir);
    expect(r.stdout).toBe("ran\n");
    expect(r.status).toBe(0);
  });

  it("stops a build older than an edited source and says to run npm run build", () => {
    const dir = project();
    stamp(dir);
    appendFileSync(join(dir, "src", "channels", "a.ts"), "export const b = 2;\n");
    const r = start(dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/sources changed since the last build.*npm run build/);
  });

  it("stops a build when a source file was added or removed", () => {
    const dir = project();
    stamp(dir);
    writeFileSync(join(dir, "src", "new.ts"), "export {};\n");
    expect(start(dir).status).toBe(1);
    rmSync(join(dir, "src", "new.ts"));
    expect(start(dir).status).toBe(0);
    rmSync(join(dir, "src", "channels", "a.ts"));
    expect(start(dir).status).toBe(1);
  });

  it("stops a build that has no stamp", () => {
    const r = start(project());
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no build stamp.*npm run build/);
  });

  it("names a missing build instead of a module error", () => {
    const dir = project();
    stamp(dir);
    rmSync(join(dir, "dist", "src", "main.js"));
    const r = start(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not built \(dist\/src\/main\.js is missing\)\. Run: npm run build/);
  });

  it("runs an installed package, which ships dist/ without the sources", () => {
    const dir = project();
    rmSync(join(dir, "src"), { recursive: true });
    expect(start(dir).stdout).toBe("ran\n");
  });

  it("passes for this checkout after npm run build", () => {
    const r = spawnSync(process.execPath, ["-e", `import(${JSON.stringify(join(ROOT, "bin", "build-stamp.js"))}).then((m) => process.stdout.write(String(m.buildProblem("dist/src/main.js") ?? "fresh")))`], { encoding: "utf8" });
    expect(r.stdout).toBe("fresh");
  });
});
