// Opens an errcat HTML report in headless Chromium (Debian's, no network) and checks it as a person would see
// it: no console error, no request leaves the page, every chart drawn (in the DOM and in a screenshot that is not
// blank), the search box filters a table, and every number on the page equals the JSON report.
//
//   node check_report.mjs REPORT.html REPORT.json [--screenshot OUT.png] [--hostile] [--timing]
//
// Prints one line per check and a closing "N passed, N failed"; exits 1 when a check failed.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// playwright-core from the project-local directory `make browser-deps` installs it into (BROWSER_DEPS).
const deps = process.env.BROWSER_DEPS || path.join(path.dirname(fileURLToPath(import.meta.url)), "../../build/browser");
const { chromium } = createRequire(path.join(deps, "package.json"))("playwright-core");

const argv = process.argv.slice(2);
const [htmlPath, jsonPath] = argv;
const flag = (name) => argv.includes(name);
const option = (name) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
if (!htmlPath || !jsonPath) {
  console.error("usage: node check_report.mjs REPORT.html REPORT.json [--screenshot OUT.png] [--hostile] [--timing]");
  process.exit(2);
}
const report = JSON.parse(fs.readFileSync(jsonPath, "utf8"));
let passed = 0;
let failed = 0;
function check(ok, what, detail = "") {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${detail ? ": " + detail : ""}`);
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "errcat-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
  viewport: { width: 1280, height: 1000 },
  offline: true,
});
const leaks = [];
await context.route("**/*", (route) => {
  const url = route.request().url();
  if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
  leaks.push(url);
  return route.abort();
});
const page = context.pages()[0] || (await context.newPage());
const errors = [];
page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
page.on("pageerror", (e) => errors.push(String(e)));

const url = pathToFileURL(path.resolve(htmlPath)).href;
const t0 = Date.now();
await page.goto(url, { waitUntil: "load" });
// The page is rendered once the load event ran and a frame was painted.
await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const wall = Date.now() - t0;
const nav = await page.evaluate(() => {
  const n = performance.getEntriesByType("navigation")[0];
  return { load: n.loadEventEnd, dom: n.domContentLoadedEventEnd };
});
if (flag("--timing")) {
  const size = fs.statSync(htmlPath).size;
  console.log(`timing: ${size} bytes; load event at ${nav.load.toFixed(0)} ms, painted ${wall} ms after navigation began`);
}

check(errors.length === 0, "no console error", errors.join(" | "));
check(leaks.length === 0, "no request leaves the page", leaks.join(" "));

// Charts: in the DOM, with drawn lines.
const charts = await page.$$eval("svg.chart", (svgs) =>
  svgs.map((s) => {
    const lines = [...s.querySelectorAll("path.line")];
    const box = s.getBoundingClientRect();
    return {
      id: s.id,
      lines: lines.length,
      drawn: lines.filter((l) => { const b = l.getBBox(); return (b.width > 0 || b.height > 0) && l.getTotalLength() > 0; }).length,
      width: box.width,
      height: box.height,
    };
  }),
);
check(charts.length === 3, "three charts", charts.map((c) => c.id).join(", "));
for (const c of charts) {
  check(c.lines > 0 && c.drawn === c.lines && c.width > 100 && c.height > 100, `chart ${c.id} drawn in the DOM`,
    `${c.drawn}/${c.lines} lines, ${c.width}x${c.height}`);
}

// Charts: in pixels. A screenshot of each chart has its background and line colours, not one flat colour.
const blank = await context.newPage();
async function colours(png) {
  return blank.evaluate(async (b64) => {
    const img = new Image();
    img.src = "data:image/png;base64," + b64;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext("2d");
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const seen = new Map();
    for (let i = 0; i < d.length; i += 4) {
      const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
      seen.set(k, (seen.get(k) || 0) + 1);
    }
    const total = d.length / 4;
    const top = Math.max(...seen.values());
    return { distinct: seen.size, background: top / total };
  }, png.toString("base64"));
}
// The page as it opens (the README's picture), before the chart screenshots scroll it.
const full = await page.screenshot({ fullPage: false });
const fullPx = await colours(full);
check(fullPx.distinct > 16, "the page's screenshot is not blank", `${fullPx.distinct} colours`);
const shotPath = option("--screenshot");
if (shotPath) fs.writeFileSync(shotPath, full);
for (const c of charts) {
  const shot = await page.locator(`#${c.id}`).screenshot();
  const px = await colours(shot);
  check(px.distinct > 8 && px.background < 0.98, `chart ${c.id} visible in a screenshot`,
    `${px.distinct} colours, background ${(px.background * 100).toFixed(1)}%`);
}

// Dark mode: the page follows prefers-color-scheme.
await page.emulateMedia({ colorScheme: "dark" });
const dark = await page.evaluate(() => {
  const bg = getComputedStyle(document.body).backgroundColor;
  const line = document.querySelector("svg.chart path.line");
  return { bg, stroke: line ? getComputedStyle(line).stroke : "" };
});
await page.emulateMedia({ colorScheme: "light" });
const light = await page.evaluate(() => {
  const line = document.querySelector("svg.chart path.line");
  return { bg: getComputedStyle(document.body).backgroundColor, stroke: line ? getComputedStyle(line).stroke : "" };
});
check(dark.bg !== light.bg && dark.stroke !== light.stroke, "light and dark themes", `${light.bg}/${dark.bg}`);

// The search box filters a table: a code that some rows of the codes table have and others do not.
const codes = report.services.flatMap((s) => s.codes.map((c) => String(c.code)));
const query = codes.find((c) => codes.filter((x) => x === c).length < codes.length) || codes[0] || "zzz";
const total = await page.$$eval("#table-codes tbody tr:not(.none)", (r) => r.length);
await page.fill("#search", query);
const shown = await page.$$eval("#table-codes tbody tr:not(.none)", (rows, q) => {
  const visible = rows.filter((r) => !r.hidden && r.offsetParent !== null);
  return { n: visible.length, all: visible.every((r) => r.textContent.toLowerCase().includes(q)) };
}, query);
check(shown.n > 0 && shown.n < total && shown.all, `the search box filters a table ("${query}")`,
  `${shown.n} of ${total} code rows shown`);
await page.fill("#search", "");
const back = await page.$$eval("#table-codes tbody tr:not(.none)", (r) => r.filter((x) => !x.hidden).length);
check(back === total, "clearing the search shows every row again", `${back} of ${total}`);

// Every number on the page equals the JSON report: its member (data-k), its value (data-v) and its text.
const cells = await page.$$eval("[data-k]", (els) => els.map((e) => [e.dataset.k, e.dataset.v, e.textContent.trim()]));
function member(key) {
  let at = report;
  for (const seg of key.split(".")) at = at == null ? undefined : at[/^\d+$/.test(seg) && Array.isArray(at) ? Number(seg) : seg];
  return at;
}
function shownValue(text) {
  if (text === "—") return null;
  if (text.endsWith(" ms")) return Math.round(Number(text.slice(0, -3)) * 1000);
  if (text.endsWith("%")) return Number(text.slice(0, -1)) / 100;
  return Number(text);
}
const bad = [];
for (const [k, v, text] of cells) {
  const want = member(k);
  const value = JSON.parse(v);
  const s = shownValue(text);
  const same = (a, b) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));
  if (want === undefined || !same(value, want) || !same(s, want)) bad.push(`${k}: page ${v} "${text}", JSON ${want}`);
}
check(cells.length > 0 && bad.length === 0, `every number on the page equals the JSON report (${cells.length} numbers)`,
  bad.slice(0, 5).join("; "));
const embedded = await page.evaluate(() => JSON.parse(document.getElementById("report-data").textContent));
check(JSON.stringify(embedded) === JSON.stringify(report), "the embedded JSON is the JSON report");

if (flag("--hostile")) {
  const pwned = await page.evaluate(() => window.__pwned);
  const scripts = await page.$$eval("script", (s) => s.length);
  const imgs = await page.$$eval("img", (s) => s.length);
  check(pwned === undefined && scripts === 2 && imgs === 0, "a hostile log line stays text",
    `__pwned ${pwned}, ${scripts} scripts, ${imgs} images`);
}

await context.close();
fs.rmSync(profile, { recursive: true, force: true });
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
