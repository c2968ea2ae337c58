// The report site is plain static files that fetch the published JSON at run time, so it can sit
// at any sub-path of any static host (S3 behind CloudFront included) without a rebuild per refresh.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  outDir: './dist',
  // Pages come out as `channels.html`, not `channels/index.html`: S3 behind CloudFront does not
  // resolve `/channels/` to an index document, and every link in the site names the .html file.
  build: {
    format: 'file',
    // Asset URLs relative to the page (`./_astro/x.js`): all pages sit at the top level, so the
    // same files work under `/`, `/reports/` or any other prefix.
    assetsPrefix: '.',
    // The Content-Security-Policy forbids inline script and style, so nothing may be inlined.
    inlineStylesheets: 'never',
  },
  vite: {
    resolve: {
      // d3-scale interpolates numbers only here; the real d3-interpolate brings d3-color (5 KB gzip).
      alias: [
        {
          find: /^d3-interpolate$/,
          replacement: fileURLToPath(new URL('./src/charts/support/numericInterpolate.ts', import.meta.url)),
        },
      ],
    },
    build: {
      // Astro inlines small scripts below this size into the HTML, which the CSP would block.
      assetsInlineLimit: 0,
    },
  },
  devToolbar: { enabled: false },
  telemetry: false,
});
