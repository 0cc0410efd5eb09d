// The browser libraries the pages use, at the versions package-lock.json pins (tests/web checks
// that these addresses match the lock). The server serves them from node_modules under /vendor/,
// immutable: a new version is a new address, changed here only.
export { html, svg, render, nothing } from '/vendor/lit-html@3.3.3/lit-html.js';
export { repeat } from '/vendor/lit-html@3.3.3/directives/repeat.js';
export { live } from '/vendor/lit-html@3.3.3/directives/live.js';
export { classMap } from '/vendor/lit-html@3.3.3/directives/class-map.js';
export { default as i18next } from '/vendor/i18next@26.7.2/dist/esm/i18next.js';
