/**
 * React 19 and Vue 3 (aliased to its build with the template compiler), bundled into one ES
 * module for the browser by web-test-runner.config.mjs: React ships CommonJS only.
 */
export { createElement } from 'react';
export { flushSync } from 'react-dom';
export { createRoot } from 'react-dom/client';
export { createApp, nextTick } from 'vue';
