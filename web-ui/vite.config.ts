import { defineConfig } from 'vitest/config';

// `npm run dev` serves the app on http://localhost:5173 and hands /api to a Switchboard running
// on http://localhost:8080. `npm run build` writes dist/, which Maven packs into the service jar
// under web-ui/ (see pom.xml).
export default defineConfig({
  // TSX compiles to Preact's automatic JSX runtime (no React).
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  resolve: {
    alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': 'http://localhost:8080',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
