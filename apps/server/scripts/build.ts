/**
 * Bundles the server into dist/main.js: workspace packages (@plinth/*, consumed as TypeScript source) are
 * inlined; everything from npm stays external and loads from node_modules, as in development.
 */
import { build } from "esbuild";

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
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith("@plinth/") ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
