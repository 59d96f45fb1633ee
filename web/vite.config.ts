// Builds the staff app into dist/, which `hersys serve --web-root web/dist` serves.
// Everything is bundled: no CDN, no runtime download, no inline script (the server's CSP
// allows only 'self').
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, assetsInlineLimit: 0 },
  server: {
    // `npm run dev` against a running `hersys serve` (scripts/run) for quick UI work.
    proxy: { '/api': { target: 'https://127.0.0.1:8443', secure: false } },
  },
});
