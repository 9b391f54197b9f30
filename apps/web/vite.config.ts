import react from "@vitejs/plugin-react";
import { defineConfig, type ProxyOptions } from "vite";
import { env } from "./env.ts";

// The browser calls same-origin /trpc in dev and preview too, so no CORS setup is needed to run the app locally.
const proxy: Record<string, ProxyOptions> = {
  "/trpc": { target: env.API_URL, changeOrigin: true },
};

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, strictPort: true, proxy },
});
