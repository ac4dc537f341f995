// Trunk post-build hook. Trunk starts all hooks of a stage at once, so steps that touch the same files
// (index.html) run from here, one after the other.
await import('./short-imports.mjs');
await import('./csp-loader.mjs');
