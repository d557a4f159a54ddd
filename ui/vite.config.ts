import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The app loads the built files from disk: no dev server, no remote URL, and
// nothing inlined as a script so the CSP can forbid 'unsafe-inline' scripts.
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // Two pages: the main window and the quick-capture window.
    rollupOptions: { input: { main: "index.html", capture: "capture.html" } },
  },
  // Unit tests mount components the way a browser would.
  resolve: mode === "test" ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test-setup.ts"],
    globals: true,
  },
}));
