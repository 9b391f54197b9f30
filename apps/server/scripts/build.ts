/**
 * Bundles the server into dist/main.js: workspace packages (@plinth/*, consumed as TypeScript source) are
 * inlined; everything from npm stays external and loads from node_modules, as in development. Because the
 * inlined workspace code imports npm packages that must then resolve from apps/server, the build fails if one
 * of them is not a dependency here.
 */
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { build } from "esbuild";

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  dependencies: Record<string, string>;
};
const declared = new Set(Object.keys(manifest.dependencies));
const builtins = new Set(builtinModules);
const packageName = (spec: string) =>
  spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] ?? spec);
const missing = new Set<string>();

await build({
  entryPoints: ["src/main.ts"],
  outfile: "dist/main.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: true,
  logLevel: "info",
  plugins: [
    {
      name: "external-npm-packages",
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          if (args.path.startsWith("@plinth/")) return undefined;
          const name = packageName(args.path.replace(/^node:/, ""));
          if (!builtins.has(name) && !args.path.startsWith("node:") && !declared.has(name)) missing.add(name);
          return { path: args.path, external: true };
        });
      },
    },
  ],
});

if (missing.size > 0) {
  console.error(
    `apps/server must depend on: ${[...missing].sort().join(", ")} (the bundle imports them at run time)`,
  );
  process.exit(1);
}
