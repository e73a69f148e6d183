// Drives the real Decap CMS at BASE/admin/ (served by the build, saving through decap-server):
// logs in, checks the interface is Chinese, creates a guide in Chinese and English through the
// form and publishes it; screenshots of the form go to SHOTS. Run by tests/it/cms_browser.rs,
// which checks the files written.
//   node e2e.mjs BASE SHOTS
import puppeteer from "puppeteer-core";
const base = process.argv[2];
const shots = process.argv[3];
const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
await page.setViewport({ width: 1600, height: 1000 });
const errors = [];
page.on("console", (m) => { if (m.type() === "error" && !m.text().includes("404")) errors.push(m.type() + ": " + m.text()); });
// The browser asks for /favicon.ico, which the portal does not have: the only 404 allowed.
page.on("response", (r) => { if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) errors.push(`${r.status()} ${r.url()}`); });
page.on("pageerror", (e) => errors.push("pageerror: " + e.message));
await page.goto(base + "/admin/", { waitUntil: "load" });
await (await page.waitForSelector("button ::-p-text(登录)")).click();
await page.waitForSelector('a[href="#/collections/guides"]', { timeout: 15000 });
const sidebar = await page.evaluate(() => document.body.innerText);
for (const words of ["集合", "服务指南", "服务案例", "学科专利简报", "专利检索基础 · 课时"]) {
  if (!sidebar.includes(words)) throw new Error(`the CMS does not show ${words}:\n${sidebar}`);
}
await page.goto(base + "/admin/#/collections/guides/new", { waitUntil: "load" });
await page.waitForSelector("#title-field-1");
async function id(label, pane) {
  const ids = await page.$$eval("label", (ls, label) => ls.filter((l) => l.innerText.replace(/ \(.*\)$/, "") === label).map((l) => l.htmlFor), label);
  return ids[pane];
}
async function type(label, pane, text) { const i = await id(label, pane); await page.type(`#${i}`, text); }
async function choose(label, optionText) {
  const i = await id(label, 0);
  const input = await page.$(`#${i}`);
  await input.click(); await page.keyboard.type(optionText); await page.keyboard.press("Enter");
}
await type("标题", 0, "专利检索入门（CMS）");
await type("网址名", 0, "cms-search-start");
await type("编辑撰写的摘要", 0, "在 CMS 中新建的检索入门指南。");
await choose("学科", "土木工程");
await choose("学科", "建筑学");
await choose("科研阶段", "立项选题");
await choose("服务对象", "学生");
await type("标题", 1, "Getting started with patent search (CMS)");
await type("编辑撰写的摘要", 1, "A guide to patent search made in the CMS.");
if (shots) await page.screenshot({ path: `${shots}/cms-guide-form.png` });
await (await page.waitForSelector("::-p-text(发布)")).click();
await (await page.waitForSelector("::-p-text(立即发布)")).click();
await page.waitForSelector("::-p-text(已发布)", { timeout: 15000 }).catch(() => {});
await new Promise((r) => setTimeout(r, 2000));
console.log("saved the guide");
await page.goto(base + "/admin/#/collections/guides", { waitUntil: "load" });
await new Promise((r) => setTimeout(r, 1500));
if (shots) await page.screenshot({ path: `${shots}/cms-collections.png` });
console.log(errors.length ? "console errors:\n" + errors.join("\n") : "no console errors");
await browser.close();
process.exit(errors.length ? 1 : 0);
