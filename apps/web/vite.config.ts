import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress';

// In development the dashboard runs on Vite and forwards API calls to a running tracker server.
const api = process.env.TRACKER_API_ORIGIN ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), precompress()],
  build: { outDir: 'dist', sourcemap: true },
  server: { proxy: { '/trpc': api, '/api': api } },
});
