// Headless Chromium for the scripts here, driven through the DevTools protocol by puppeteer-core:
// Debian's `chromium` ($CHROMIUM, else /usr/bin/chromium), never a downloaded browser.

import puppeteer from "puppeteer-core";

export async function launchBrowser() {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

// A new tab showing `url` at `viewport` in colour `scheme`, once it has loaded and, when `ready`
// is given, once that selector exists.
export async function openPage(browser, url, viewport, scheme, ready) {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
  const response = await page.goto(url, { waitUntil: "load" });
  if (!response) throw new Error(`no response for ${url}`);
  if (ready) await page.waitForSelector(ready, { timeout: 15000 });
  return page;
}
