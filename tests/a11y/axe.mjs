// axe-core (WCAG 2.0/2.1/2.2 A and AA, plus best practice) in headless Chromium over one page of
// each kind of the bundled portal, at a desktop and a phone width, in the light and the dark
// colour scheme. Run by tests/it/a11y.rs as `node axe.mjs BASE_URL [PATH…]`; BASE_URL serves the
// built bundled portal; PATHs, when given, are checked instead of the pages listed here. Prints one line per violation and node, then a summary per rule, and exits 1
// when there is any. The browser is $CHROMIUM, else /usr/bin/chromium: nothing is downloaded.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { launchBrowser, openPage } from "./browser.mjs";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

// One page per kind, both languages where the kind differs by language. `ready` is a selector
// that exists once the page's scripts have done their work; `act` puts the page in the state to
// test (a filter chosen, the phone menu open).
const PAGES = [
  { kind: "home (zh)", path: "/" },
  { kind: "home (en)", path: "/en/" },
  { kind: "section list", path: "/guides/" },
  { kind: "section list (en)", path: "/en/news/" },
  { kind: "pager (page 2)", path: "/audiences/faculty/page/2/" },
  { kind: "guide, with a task list", path: "/guides/novelty-search-request/" },
  { kind: "guide (en)", path: "/en/guides/patent-search-basics/" },
  { kind: "course", path: "/courses/patent-search-101/" },
  { kind: "lesson, with a task list", path: "/courses/patent-search-101/database-practice/" },
  { kind: "case list", path: "/cases/" },
  {
    kind: "case list, a filter chosen",
    path: "/en/cases/",
    act: async (page) => {
      await page.select("form[data-filter-list] select", await firstOption(page));
    },
  },
  { kind: "case", path: "/cases/bridge-prefiling-portfolio/" },
  { kind: "brief, every chart", path: "/briefs/civil-engineering/" },
  { kind: "brief (en)", path: "/en/briefs/new-energy-vehicles/" },
  { kind: "IPC index", path: "/ipc/" },
  { kind: "IPC subclass", path: "/ipc/e04b/" },
  { kind: "taxonomy", path: "/disciplines/" },
  { kind: "taxonomy term", path: "/en/disciplines/civil-engineering/" },
  { kind: "free taxonomy term", path: "/tags/%E5%85%A5%E9%97%A8/" },
  { kind: "about page", path: "/about/contact/" },
  { kind: "service catalogue", path: "/about/services/" },
  {
    kind: "service catalogue (en), filtered",
    path: "/en/about/services/?audiences=tech-transfer&stages=results",
  },
  { kind: "service", path: "/about/services/novelty-search/" },
  { kind: "service (en)", path: "/en/about/services/patent-navigation/" },
  { kind: "team", path: "/about/team/" },
  { kind: "team member (en)", path: "/en/about/team/chen-siyuan/" },
  {
    kind: "search, results and a facet chosen",
    path: "/search/?q=%E4%B8%93%E5%88%A9%E6%A3%80%E7%B4%A2&type=guide",
    ready: "[data-ready]",
  },
  { kind: "search (en), results", path: "/en/search/?q=patent", ready: "[data-ready]" },
  { kind: "404", path: "/no-such-page/", ready: "[data-ready]" },
  { kind: "404 (en)", path: "/en/no-such-page/", ready: "[data-ready]" },
  {
    kind: "phone menu open",
    path: "/courses/",
    widths: ["mobile"],
    act: async (page) => {
      await page.click(".nav-toggle");
    },
  },
];

const WIDTHS = { desktop: { width: 1366, height: 900 }, mobile: { width: 390, height: 844, isMobile: true, hasTouch: true } };
const SCHEMES = ["light", "dark"];
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];

async function firstOption(page) {
  return page.$eval("form[data-filter-list] select option:nth-child(2)", (o) => o.value);
}

async function check(browser, base, spec, width, scheme) {
  const page = await openPage(browser, base + spec.path, WIDTHS[width], scheme, spec.ready);
  try {
    if (spec.act) await spec.act(page);
    await page.evaluate(axeSource);
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
      TAGS,
    );
    return result.violations;
  } finally {
    await page.close();
  }
}

async function main() {
  const base = process.argv[2];
  if (!base) throw new Error("usage: node axe.mjs BASE_URL [PATH…]");
  const given = process.argv.slice(3).map((path) => ({ kind: "given", path }));
  const pages = given.length ? given : PAGES;
  const browser = await launchBrowser();
  const byRule = new Map();
  let views = 0;
  try {
    for (const spec of pages) {
      for (const width of spec.widths || Object.keys(WIDTHS)) {
        for (const scheme of SCHEMES) {
          views += 1;
          for (const v of await check(browser, base, spec, width, scheme)) {
            for (const node of v.nodes) {
              const where = node.target.join(" ");
              const why = (node.failureSummary || "").split("\n").slice(1, 2).join("").trim();
              console.log(`${v.impact}\t${v.id}\t${spec.path}\t${width}\t${scheme}\t${where}\t${why}`);
            }
            const rule = byRule.get(v.id) || { impact: v.impact, nodes: 0 };
            rule.nodes += v.nodes.length;
            byRule.set(v.id, rule);
          }
        }
      }
    }
  } finally {
    await browser.close();
  }
  for (const [id, rule] of byRule) console.log(`rule ${id} (${rule.impact}): ${rule.nodes} nodes`);
  console.log(`axe: ${views} views of ${pages.length} pages, ${byRule.size} rules violated`);
  process.exit(byRule.size ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
