import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

/**
 * Builds the three Electron parts into out/: main (Node, deps external; plus the voucher barcode worker), preload (CommonJS, self-contained,
 * required for a sandboxed preload) and the renderer (React). Browser mode serves the same out/renderer.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'main/index.ts'),
          // The voucher sheet's barcode worker, started beside the main bundle (main/vouchers/barcode-encoder-pool.ts).
          'barcode-encode.worker': resolve(__dirname, 'main/vouchers/barcode-encode.worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // The E2E run builds with source maps, to map the renderer's coverage back to renderer/src.
      sourcemap: process.env.REFILL_RENDERER_SOURCEMAP === '1',
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
