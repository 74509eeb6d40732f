/* Utmaningskatalogen: the one search engine of the site, shared by the header's search box
 * (search.js) and the catalogue's text filter (katalog.js), so a word finds the same
 * challenges in both.
 *
 * It loads Pagefind's script and index from the site itself (pagefind/, written at the end of
 * the build by hooks/utmaningskatalogen/search_index.py), only when a box is first used.
 * Pagefind stems Swedish words in the query as in the index and fetches only the parts of the
 * index a query needs. Every address is relative to this file, so the site works under any
 * sub-path; nothing is fetched from another site.
 */

// Names of the index's filters and their values (search_index.py).
export const KIND = "typ";
export const CHALLENGE = "utmaning";
export const KINDS = { challenge: "Utmaning", page: "Sida", staff: "För kommunernas medarbetare" };

const ROOT = new URL("../", import.meta.url);
const BUNDLE = new URL("pagefind/pagefind.js", ROOT);
let loading = null;
let allFilters = null;

/* Pagefind, loaded and started once. */
export function load() {
  if (!loading) {
    loading = import(BUNDLE.href).then(async function (pagefind) {
      await pagefind.options({ baseUrl: ROOT.pathname, excerptLength: 24 });
      await pagefind.init();
      return pagefind;
    });
    loading.catch(function () { loading = null; });
  }
  return loading;
}

/* Fetch what a query will need while the visitor is still typing. */
export async function preload(query) {
  const pagefind = await load();
  if (query.trim()) await pagefind.preload(query);
}

/* Pagefind's response for a query, with optional filters ({typ: "Utmaning"}). */
export async function search(query, filters) {
  const pagefind = await load();
  return pagefind.search(query, { filters: filters || {} });
}

/* A queue that runs one search at a time and keeps only the newest one waiting: while Pagefind
 * answers one query, a visitor may type three more keys; only the last of them is searched
 * next, so the answer to the whole word comes after one search, not after one per key. A
 * waiting search that a newer one replaces rejects with an Error whose message is SUPERSEDED. */
export const SUPERSEDED = "superseded";
export function latestOnly() {
  let running = false;
  let waiting = null;
  function next() {
    const job = waiting;
    waiting = null;
    running = job !== null;
    if (job) job.run().then(job.resolve, job.reject).then(next);
  }
  return function (run) {
    if (waiting) waiting.reject(new Error(SUPERSEDED));
    return new Promise(function (resolve, reject) {
      waiting = { run: run, resolve: resolve, reject: reject };
      if (!running) next();
    });
  };
}

/* Load the engine and every filter's part of the index: what challengeSlugs needs first. */
export async function prepareChallengeSlugs() {
  const pagefind = await load();
  if (!allFilters) allFilters = pagefind.filters(); // every filter's part of the index, once
  await allFilters;
  return pagefind;
}

const challengeQueue = latestOnly();

/* The slugs of the challenges a query finds: what the catalogue's text filter shows. Each
 * challenge's record carries its slug as the one value of the filter "utmaning"; the response
 * counts, per value, the results that have it. Rejects with SUPERSEDED when a newer query
 * replaces this one before it runs. */
export async function challengeSlugs(query) {
  const pagefind = await prepareChallengeSlugs();
  const response = await challengeQueue(function () {
    return pagefind.search(query, { filters: { [KIND]: KINDS.challenge } });
  });
  const counts = (response && response.filters && response.filters[CHALLENGE]) || {};
  const slugs = new Set();
  Object.keys(counts).forEach(function (slug) { if (counts[slug] > 0) slugs.add(slug); });
  return slugs;
}

/* A result's address relative to the page being viewed: works under any sub-path and keeps
 * the page's own origin. */
export function relative(url) {
  const target = new URL(url, location.href);
  const here = location.pathname.split("/").slice(0, -1);
  const there = target.pathname.split("/");
  let common = 0;
  while (common < here.length && common < there.length - 1 && here[common] === there[common]) common++;
  const up = "../".repeat(here.length - common);
  return (up + there.slice(common).join("/")) || "./";
}
