// Drives the real Decap CMS at BASE/admin/ (served by the build, saving through decap-server):
// logs in, checks the interface is Chinese and that a collection lists its pages only (no
// section _index), creates a guide in Chinese and English through the form and a course,
// changes the title of an existing case and of a service, and uploads an image into a brief's body; screenshots of the form go to
// SHOTS. Run by tests/it/cms_browser.rs, which checks the files written.
//   node e2e.mjs BASE SHOTS
import { writeFileSync } from "node:fs";
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
// The bundled cases, opened by their x.zh.md, and no section file among them.
await page.goto(base + "/admin/#/collections/cases", { waitUntil: "load" });
await page.waitForSelector('a[href="#/collections/cases/entries/bridge-prefiling-portfolio"]', { timeout: 15000 });
const cases = await page.$$eval("a[href*='/entries/']", (as) => as.map((a) => a.getAttribute("href")));
if (cases.some((c) => c.includes("_index")) || cases.length !== 3) throw new Error(`the cases listed: ${cases}`);
console.log("listed the cases");
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
async function publish() {
  await (await page.waitForSelector("::-p-text(发布)")).click();
  await (await page.waitForSelector("::-p-text(立即发布)")).click();
  await page.waitForSelector("::-p-text(已发布)", { timeout: 15000 }).catch(() => {});
  await new Promise((r) => setTimeout(r, 2000));
}

// Opens an entry's form afresh: after a save, Decap keeps the saved entry's draft and shows it
// in the next form opened by its address alone.
async function visit(hash) {
  await page.goto(base + "/admin/" + hash, { waitUntil: "load" });
  await page.reload({ waitUntil: "load" });
}

// A new course: its folder takes the URL name, not the Chinese title.
await visit("#/collections/courses/new");
await page.waitForFunction(() => [...document.querySelectorAll("label")].some((l) => l.innerText.startsWith("网址名")), { timeout: 15000 });
await type("标题", 0, "专利分析进阶（CMS）");
await type("网址名", 0, "cms-advanced-analysis");
await type("编辑撰写的摘要", 0, "在 CMS 中新建的课程。");
await type("标题", 1, "Advanced patent analysis (CMS)");
await type("编辑撰写的摘要", 1, "A course made in the CMS.");
await publish();
console.log("saved the course");

// Waits for the form of an existing entry: the field `label` shows `value`. (The fields' ids
// count on across the forms of one visit, so they cannot be waited for.)
async function opened(label, value) {
  const shown = (label, value) => [...document.querySelectorAll("label")].some((l) => l.innerText.replace(/ \(.*\)$/, "") === label && document.getElementById(l.htmlFor)?.value === value);
  await page.waitForFunction(shown, { timeout: 15000 }, label, value).catch(async (e) => {
    await page.screenshot({ path: `${shots}/cms-failed.png` });
    throw e;
  });
  await new Promise((r) => setTimeout(r, 1000));
}

// An existing case (x.zh.md and x.en.md): the Chinese title gets a suffix.
await visit("#/collections/cases/entries/bridge-prefiling-portfolio");
await opened("标题", "桥梁工程团队的申请前评估与专利布局");
const title = await id("标题", 0);
await page.click(`#${title}`);
await page.keyboard.press("End");
await page.keyboard.type("（CMS 修订）");
await publish();
console.log("saved the case");

// A service, with its maps (request, fees) and a list of maps (deliverables) in the form.
await visit("#/collections/about-services/entries/demand-matching");
await opened("标题", "需求匹配");
await page.click(`#${await id("标题", 0)}`);
await page.keyboard.press("End");
await page.keyboard.type("（CMS 修订）");
await publish();
console.log("saved the service");

// An image uploaded into a brief's body: the media library of a bundle is the brief's folder.
const png = "iVBORw0KGgoAAAANSUhEUgAAACgAAAAUCAIAAABwJOjsAAAAJElEQVR4nGM4YaMxIIhh1OJRi0ctHrV41OJRi0ctHrV45FgMAChCqa4mboQ1AAAAAElFTkSuQmCC";
writeFileSync(`${shots}/joint-sketch.png`, Buffer.from(png, "base64"));
await visit("#/collections/briefs/entries/civil-engineering/index");
await opened("标题", "装配式混凝土建筑连接技术专利简报");
await (await page.$$("[data-slate-editor]"))[0].click();
await (await page.$$("button[title='添加组件']"))[0].click();
await (await page.waitForSelector("[role=menuitem] ::-p-text(Image)")).click();
await (await page.waitForSelector("button ::-p-text(选择图片)")).click();
await (await page.waitForSelector("input[type=file][accept='image/*']")).uploadFile(`${shots}/joint-sketch.png`);
await new Promise((r) => setTimeout(r, 1500));
await (await page.waitForSelector("button ::-p-text(选用已选中项目)")).click();
const alt = await page.$$eval("label", (ls) => ls.filter((l) => l.innerText === "ALT TEXT").map((l) => l.htmlFor));
await page.type(`#${alt[0]}`, "预制构件连接示意图");
if (shots) await page.screenshot({ path: `${shots}/cms-brief-image.png` });
await publish();
console.log("saved the brief");
await page.goto(base + "/admin/#/collections/guides", { waitUntil: "load" });
await new Promise((r) => setTimeout(r, 1500));
if (shots) await page.screenshot({ path: `${shots}/cms-collections.png` });
console.log(errors.length ? "console errors:\n" + errors.join("\n") : "no console errors");
await browser.close();
process.exit(errors.length ? 1 : 0);
