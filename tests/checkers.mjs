// pa11y (HTML_CodeSniffer, WCAG2AA) and Lighthouse on pages of a served site, as auditors run
// them, in one Chromium (CHROME_PATH, Debian's /usr/bin/chromium): started once for every page,
// since starting a browser and loading Lighthouse cost more than checking a page.
// Used by tests/test_browser_checkers.py.
//
// stdin, JSON:  {"args": [Chromium flags], "pa11y": [url, …], "lighthouse": [url, …], "categories": [id, …]}
// stdout, JSON: {"pa11y": {url: [issue, …]}, "lighthouse": {url: {"scores": {id: 0–100}, "failing": [audit, …]}}}
import { readFileSync } from "node:fs";
import lighthouse from "lighthouse";
import pa11y from "pa11y";
import puppeteer from "puppeteer-core";

const request = JSON.parse(readFileSync(0, "utf-8"));
const browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH, args: request.args });
const result = { pa11y: {}, lighthouse: {} };
try {
  for (const url of request.pa11y) {
    const report = await pa11y(url, { browser, standard: "WCAG2AA", runners: ["htmlcs"] });
    result.pa11y[url] = report.issues.filter((issue) => issue.type === "error")
      .map(({ code, selector, message }) => ({ code, selector, message }));
  }
  // Only the categories asked for; no waiting for a quiet network or CPU, no screenshots:
  // these categories read the loaded page, not how fast it loaded.
  const config = {
    extends: "lighthouse:default",
    settings: {
      onlyCategories: request.categories, disableFullPageScreenshot: true, skipAboutBlank: true,
      pauseAfterFcpMs: 0, pauseAfterLoadMs: 0, networkQuietThresholdMs: 0, cpuQuietThresholdMs: 0,
    },
  };
  for (const url of request.lighthouse) {
    const page = await browser.newPage();
    const { lhr } = await lighthouse(url, { logLevel: "error" }, config, page);
    await page.close();
    const scores = Object.fromEntries(Object.entries(lhr.categories)
      .map(([id, category]) => [id, Math.round(category.score * 100)]));
    const failing = Object.entries(lhr.categories).flatMap(([id, category]) => category.auditRefs
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
      .map((ref) => ({ category: id, id: ref.id, title: lhr.audits[ref.id].title,
                       items: (lhr.audits[ref.id].details?.items || []).slice(0, 5) })));
    result.lighthouse[url] = { scores, failing };
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result));
