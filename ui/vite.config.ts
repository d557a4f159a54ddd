import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The app loads the built files from disk: no dev server, no remote URL, and
// nothing inlined as a script so the CSP can forbid 'unsafe-inline' scripts.
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    // Safari 16's language (WebKitGTK 2.38+, macOS 11+): class private fields stay
    // native. For Safari 15 they are rewritten as WeakMap lookups, which Svelte's
    // runtime does on every signal read: about 10 ms more before the first view.
    target: "safari16",
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
