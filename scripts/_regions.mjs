import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
const src = readFileSync(process.argv[2], 'utf8');
for (const p of src.split(/^(?=\/\/ (?:src|node_modules|\\0))/m)) {
  const name = p.split('\n')[0];
  if (!name.includes('src/')) continue;
  let min;
  try {
    min = transformSync(p.replace(/^export .*$/m, ''), { minify: true, format: 'esm', target: 'es2022' }).code;
  } catch (e) {
    min = p;
  }
  console.log('=== ' + name + '\n' + min);
}
