// The bundled portal with the keyboard alone, in headless Chromium: the skip link, a visible focus
// on everything Tab reaches, the phone menu, the language switcher, the case filters, the search
// box, its facets and results; and, with `prefers-reduced-motion: reduce`, nothing that moves.
// Run by tests/it/a11y.rs as `node keyboard.mjs BASE_URL`. Prints `ok NAME` or `FAIL NAME: why`
// per check and exits 1 when one failed.

import { launchBrowser, openPage } from "./browser.mjs";

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844, isMobile: true, hasTouch: true };
const MAX_TABS = 200;

// What Tab has focused: its tag, classes, text and where it is, and whether it can be seen.
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      cls: el.className && typeof el.className === "string" ? el.className : "",
      text: (el.textContent || el.value || "").trim().slice(0, 40),
      href: el.getAttribute("href"),
      visible: r.width > 0 && r.height > 0 && style.visibility !== "hidden",
    };
  });
}

// Presses Tab (Shift+Tab when `back`) until `test(page)` is true; false after MAX_TABS presses.
async function tabUntil(page, test, back = false) {
  for (let i = 0; i < MAX_TABS; i += 1) {
    if (back) {
      await page.keyboard.down("Shift");
      await page.keyboard.press("Tab");
      await page.keyboard.up("Shift");
    } else {
      await page.keyboard.press("Tab");
    }
    if (await page.evaluate(test)) return true;
  }
  return false;
}

// The look of `el` and its three nearest ancestors: what a focus style changes.
function lookOfFocus(el) {
  const looks = [];
  for (let node = el, depth = 0; node && node.nodeType === 1 && depth < 4; node = node.parentElement, depth += 1) {
    const s = getComputedStyle(node);
    const outline = s.outlineStyle === "none" ? "none" : [s.outlineStyle, s.outlineWidth, s.outlineColor].join(" ");
    looks.push([outline, s.boxShadow, s.borderColor, s.backgroundColor, s.textDecorationLine, s.color].join("|"));
  }
  return looks.join(";");
}

// Tabs through the whole of `path`: every stop must be visible and look different focused.
async function everyStopShowsFocus(browser, base, path, viewport) {
  const page = await openPage(browser, base + path, viewport, "light");
  await page.evaluate(`window.lookOfFocus = ${lookOfFocus}`);
  try {
    const problems = [];
    const seen = new Set();
    for (let i = 0; i < MAX_TABS; i += 1) {
      await page.keyboard.press("Tab");
      const el = await focused(page);
      if (!el) break;
      const key = `${el.tag}.${el.cls}:${el.text}:${el.href}`;
      if (seen.has(key) && i > 0 && el.cls.includes("skip-link")) break; // wrapped round
      seen.add(key);
      if (!el.visible) problems.push(`focus on an invisible ${key}`);
      const withFocus = await page.evaluate(() => window.lookOfFocus(document.activeElement));
      const withoutFocus = await page.evaluate(() => {
        const el = document.activeElement;
        el.blur();
        const after = window.lookOfFocus(el);
        el.focus({ focusVisible: true });
        return after;
      });
      // `focus()` after `blur()` keeps :focus-visible, as it was reached by keyboard.
      if (withFocus === withoutFocus) problems.push(`no visible focus on ${key}`);
    }
    if (seen.size < 5) problems.push(`only ${seen.size} stops`);
    return problems;
  } finally {
    await page.close();
  }
}

const CHECKS = {
  async "the skip link is the first stop, shows, and moves focus to the content"(browser, base) {
    const page = await openPage(browser, base + "/guides/", DESKTOP, "light");
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      return { skip: el.classList.contains("skip-link"), onScreen: r.top >= 0 && r.bottom <= innerHeight && r.width > 0 };
    });
    await page.keyboard.press("Enter");
    const inMain = await page.evaluate(() => document.activeElement.id === "main");
    await page.close();
    if (!first.skip) return "the first Tab stop is not the skip link";
    if (!first.onScreen) return "the focused skip link is not on screen";
    if (!inMain) return "Enter on the skip link did not move focus to <main>";
  },

  async "every Tab stop shows focus: home, desktop"(browser, base) {
    return (await everyStopShowsFocus(browser, base, "/", DESKTOP)).join("; ") || undefined;
  },

  async "every Tab stop shows focus: lesson with code and tasks, phone"(browser, base) {
    return (await everyStopShowsFocus(browser, base, "/courses/patent-search-101/database-practice/", PHONE)).join("; ") || undefined;
  },

  async "every Tab stop shows focus: search results and facets, desktop"(browser, base) {
    const path = "/en/search/?q=patent";
    return (await everyStopShowsFocus(browser, base, path, DESKTOP)).join("; ") || undefined;
  },

  async "the phone menu opens with Enter, its links take focus, Escape closes it"(browser, base) {
    const page = await openPage(browser, base + "/guides/", PHONE, "light");
    const linksHidden = await page.$eval("#site-nav a", (a) => a.getBoundingClientRect().height === 0);
    if (!linksHidden) return "the menu's links are visible before the menu is opened";
    if (!(await tabUntil(page, () => document.activeElement.classList.contains("nav-toggle")))) return "Tab never reaches the menu button";
    await page.keyboard.press("Enter");
    if ((await page.$eval(".nav-toggle", (b) => b.getAttribute("aria-expanded"))) !== "true") return "Enter did not open the menu";
    await page.keyboard.press("Tab");
    const inNav = await page.evaluate(() => !!document.activeElement.closest("#site-nav") && document.activeElement.getBoundingClientRect().height > 0);
    if (!inNav) return "the Tab after the menu button is not a visible link of the menu";
    await page.keyboard.press("Escape");
    const closed = await page.evaluate(() => {
      const b = document.querySelector(".nav-toggle");
      return b.getAttribute("aria-expanded") === "false" && document.activeElement === b;
    });
    await page.close();
    if (!closed) return "Escape did not close the menu and return focus to its button";
  },

  async "the language switcher is reached by Tab and Enter follows it"(browser, base) {
    const page = await openPage(browser, base + "/guides/patent-search-basics/", DESKTOP, "light");
    const reached = await tabUntil(page, () => !!document.activeElement.closest(".lang-switch") && document.activeElement.lang === "en");
    if (!reached) return "Tab never reaches the English link of the language switcher";
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    const url = new URL(page.url());
    await page.close();
    if (url.pathname !== "/en/guides/patent-search-basics/") return `Enter went to ${url.pathname}`;
  },

  async "the case filters work with Tab and arrow keys"(browser, base) {
    const page = await openPage(browser, base + "/cases/", DESKTOP, "light");
    const count = () => page.$$eval("#case-list > *", (items) => items.filter((i) => !i.hidden).length);
    const before = await count();
    if (!(await tabUntil(page, () => document.activeElement.matches("form[data-filter-list] select")))) return "Tab never reaches a filter";
    await page.keyboard.press("ArrowDown");
    const chosen = await page.evaluate(() => document.activeElement.value);
    const after = await count();
    const status = await page.$eval(".filter-status", (p) => p.textContent);
    await page.close();
    if (!chosen) return "ArrowDown on the filter chose nothing";
    if (!(after > 0 && after < before)) return `the list went from ${before} to ${after} cases`;
    if (!status.includes(String(after))) return `the status says "${status}", not ${after}`;
  },

  async "search: type, Enter, a facet with Space, a result with Enter"(browser, base) {
    const page = await openPage(browser, base + "/search/", DESKTOP, "light");
    if (!(await tabUntil(page, () => document.activeElement.id === "search-input"))) return "Tab never reaches the search box";
    await page.keyboard.type("专利检索");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".search-result-link");
    const all = await page.$$eval(".search-result-link", (l) => l.length);
    const toFacet = () => document.activeElement.matches(".search-facet input") && document.activeElement.closest("[data-facet-name]").getAttribute("data-facet-name") === "type";
    if (!(await tabUntil(page, toFacet))) return "Tab never reaches a facet";
    await page.keyboard.press("Space");
    await page.waitForFunction((n) => document.querySelectorAll(".search-result-link").length < n, { timeout: 5000 }, all).catch(() => {});
    const filtered = await page.$$eval(".search-result-link", (l) => l.length);
    if (!(filtered > 0 && filtered < all)) return `Space on the facet: ${all} results became ${filtered}`;
    if (!(await tabUntil(page, () => document.activeElement.matches(".search-result-link"), true))) return "Shift+Tab never reaches a result";
    const href = await page.evaluate(() => document.activeElement.getAttribute("href"));
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    const url = new URL(page.url());
    await page.close();
    if (url.pathname !== href.split("#")[0]) return `Enter on the result went to ${url.pathname}, not ${href}`;
  },

  async "with prefers-reduced-motion nothing moves"(browser, base) {
    const moving = [];
    for (const path of ["/", "/search/?q=patent", "/guides/"]) {
      const page = await browser.newPage();
      await page.emulateMediaFeatures([{ name: "prefers-reduced-motion", value: "reduce" }]);
      await page.goto(base + path, { waitUntil: "load" });
      moving.push(
        ...(await page.evaluate(() => {
          const found = [];
          const moves = (s) =>
            s.transitionDuration.split(",").some((d) => parseFloat(d) > 0) ||
            (s.animationName !== "none" && s.animationDuration.split(",").some((d) => parseFloat(d) > 0)) ||
            s.scrollBehavior === "smooth";
          for (const el of document.querySelectorAll("*")) {
            for (const pseudo of [null, "::before", "::after"]) {
              if (moves(getComputedStyle(el, pseudo))) found.push(`${el.tagName.toLowerCase()}.${el.className}${pseudo || ""}`);
            }
          }
          return found;
        })).map((what) => `${path} ${what}`),
      );
      await page.close();
    }
    if (moving.length) return `still moving: ${moving.slice(0, 10).join(", ")}`;
  },
};

async function main() {
  const base = process.argv[2];
  if (!base) throw new Error("usage: node keyboard.mjs BASE_URL");
  const browser = await launchBrowser();
  let failed = 0;
  try {
    for (const [name, check] of Object.entries(CHECKS)) {
      let why;
      try {
        why = await check(browser, base);
      } catch (e) {
        why = String(e && e.stack || e);
      }
      if (why) {
        failed += 1;
        console.log(`FAIL ${name}: ${why}`);
      } else {
        console.log(`ok ${name}`);
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`keyboard: ${Object.keys(CHECKS).length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
