// Checks the browser's port of the search (js/search-engine.js) against the shared vectors of
// tests/fixtures/search-vectors.json, in Node, without a browser or npm packages. Run by
// tests/it/search/vectors.rs, which writes the script as the build does (with its traditional →
// simplified table) and the index of the vectors' documents into a folder:
//
//   node tests/search/vectors.mjs VECTORS.json FOLDER LANG
//
// FOLDER holds search-engine.js and LANG/ (entry.bin, shards, tables, fragments). Prints each
// difference and exits with 1 when there is one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import vm from "node:vm";

const [vectorsPath, folder, lang] = process.argv.slice(2);
if (!lang) {
  console.error("usage: node tests/search/vectors.mjs VECTORS.json FOLDER LANG");
  process.exit(2);
}
const vectors = JSON.parse(readFileSync(vectorsPath, "utf8"));
const engineFile = join(folder, "search-engine.js");
// A classic script, as the browser runs it: it defines the global IpportalSearch.
vm.runInThisContext(readFileSync(engineFile, "utf8"), { filename: engineFile });
const engine = globalThis.IpportalSearch;

// The index's files from the disk, as the page's loader gives them: decompressed.
function load(path) {
  const bytes = readFileSync(path);
  return Promise.resolve(new Uint8Array(bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes));
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const differences = [];

for (const c of vectors.tokens) {
  const got = engine.tokenize(c.text);
  if (!same(got, c.tokens)) {
    differences.push(`tokens of ${JSON.stringify(c.text)}:\n  file: ${JSON.stringify(c.tokens)}\n  port: ${JSON.stringify(got)}`);
  }
}

// As the page's Searcher does for one language: the synonyms come with entry.bin.
const index = new engine.Index(folder + "/", lang, load);
const entry = await index.ready();
for (const c of vectors.queries) {
  const terms = engine.analyse(c.query, entry.synonyms);
  const rows = terms.map((q) => [q.term, q.required, q.prefix, q.synonym]);
  if (!same(rows, c.terms)) {
    differences.push(`terms of ${JSON.stringify(c.query)}:\n  file: ${JSON.stringify(c.terms)}\n  port: ${JSON.stringify(rows)}`);
  }
  const found = await index.search(terms);
  const fragments = await Promise.all(found.hits.map((hit) => index.fragment(hit)));
  const ranked = found.hits.map((hit, k) => [fragments[k].url, hit.tier]);
  if (!same(ranked, c.ranked)) {
    differences.push(`ranking of ${JSON.stringify(c.query)}:\n  file: ${JSON.stringify(c.ranked)}\n  port: ${JSON.stringify(ranked)}`);
  }
}

if (differences.length) {
  console.log(`${differences.length} differences from ${vectorsPath}:\n${differences.join("\n")}`);
  process.exit(1);
}
console.log(`${vectors.tokens.length} texts, ${vectors.queries.length} queries: as the vectors say`);
