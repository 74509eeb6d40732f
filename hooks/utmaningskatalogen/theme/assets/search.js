/* Utmaningskatalogen: the search box in every page's header (partials/search-box.html).
 *
 * Results as you type, from the site's own Swedish index (search-engine.js). Challenges and
 * pages for suppliers come first, pages for the municipalities' staff after them; a page whose
 * title is exactly the query comes first of all. A challenge shows its status and deadline.
 * Keyboard: type, Arrow down to the results, Arrow up/down between them, Enter follows one
 * (in the box: the first; the button opens the catalogue with the words instead),
 * Escape closes. The number of results is said by a live region once typing pauses.
 * Focusing the box starts loading the engine, so the first result comes quickly.
 * Without JavaScript the form opens the catalogue with the words as its text filter.
 * The box carries data-state="searching" while a query runs, then "ready" with data-query.
 */
import * as engine from "./search-engine.js";

const PAGE_SIZE = 10;
const ANNOUNCE_PAUSE = 400; // ms after the last result before the count is said

function fold(text) {
  return String(text || "").normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

function countText(n, query) {
  if (n === 0) return "Inga träffar för ”" + query + "”";
  return n + (n === 1 ? " träff" : " träffar");
}

/* Pagefind's excerpt as nodes: its text, with the query's words in <mark>, nothing else. */
function excerptNodes(excerpt) {
  const template = document.createElement("template");
  template.innerHTML = excerpt; // inert: nothing in a template runs or loads
  const nodes = [];
  template.content.childNodes.forEach(function (node) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  });
  return nodes;
}

function element(tag, className, text) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text) made.textContent = text;
  return made;
}

function SearchBox(root) {
  this.root = root;
  this.form = root.querySelector("form");
  this.input = root.querySelector("input[type=search]");
  this.panel = root.querySelector(".uk-search__panel");
  this.list = root.querySelector(".uk-search__results");
  this.count = root.querySelector(".uk-search__count");
  this.status = root.querySelector("[role=status]");
  this.more = root.querySelector(".uk-search__more button");
  this.all = root.querySelector(".uk-search__all a");
  this.catalogue = this.all.getAttribute("href");
  this.sequence = 0;
  this.results = [];
  this.shown = 0;
  this.pause = null;
  this.queue = engine.latestOnly(); // one search at a time; a newer query replaces a waiting one
}

SearchBox.prototype.start = function () {
  const box = this;
  box.input.addEventListener("focus", function () {
    engine.load().catch(function () {}); // preload while the box has focus
    if (box.input.value.trim() && box.results.length) box.open();
  });
  box.input.addEventListener("input", function () { box.run(box.input.value); });
  box.root.addEventListener("keydown", function (event) { box.key(event); });
  box.root.addEventListener("focusout", function (event) {
    if (!box.root.contains(event.relatedTarget)) box.close();
  });
  box.more.addEventListener("click", function () {
    box.render(box.shown + PAGE_SIZE, box.shown);
  });
};

SearchBox.prototype.key = function (event) {
  const links = Array.prototype.slice.call(this.list.querySelectorAll("a"));
  const at = links.indexOf(document.activeElement);
  if (event.key === "Enter" && event.target === this.input && links.length) {
    // Enter in the box follows the first result; the button, or Enter with no result, opens
    // the catalogue with the words (the form's own submit).
    event.preventDefault();
    links[0].click();
  } else if (event.key === "Escape") {
    if (!this.panel.hidden) {
      event.preventDefault();
      this.close();
      this.input.focus();
    }
  } else if (event.key === "ArrowDown" && links.length) {
    event.preventDefault();
    this.open();
    links[Math.min(at + 1, links.length - 1)].focus();
  } else if (event.key === "ArrowUp" && at !== -1) {
    event.preventDefault();
    if (at === 0) this.input.focus();
    else links[at - 1].focus();
  }
};

SearchBox.prototype.ready = function (query) {
  this.root.setAttribute("data-query", query);
  this.root.setAttribute("data-state", "ready");
};

SearchBox.prototype.open = function () { this.panel.hidden = false; };
SearchBox.prototype.close = function () { this.panel.hidden = true; };

SearchBox.prototype.run = async function (value) {
  const query = value.trim();
  const sequence = ++this.sequence;
  clearTimeout(this.pause);
  this.root.setAttribute("data-state", "searching");
  this.all.setAttribute("href", this.catalogue + (query ? "?q=" + encodeURIComponent(query) : ""));
  if (!query) {
    this.results = [];
    this.list.replaceChildren();
    this.count.textContent = "";
    this.status.textContent = "";
    this.close();
    this.ready(query);
    return;
  }
  engine.preload(query).catch(function () {});
  let results;
  try {
    results = await this.find(query);
  } catch (error) {
    if (sequence !== this.sequence) return; // replaced by a newer query (engine.SUPERSEDED)
    this.list.replaceChildren();
    this.count.textContent = "Sökningen fungerar inte just nu.";
    this.status.textContent = this.count.textContent;
    this.open();
    this.ready(query);
    return;
  }
  if (sequence !== this.sequence) return; // a newer query has started
  this.results = results;
  if (!(await this.render(PAGE_SIZE, 0, sequence))) return;
  const said = countText(results.length, query);
  this.count.textContent = said;
  this.open();
  this.ready(query);
  const status = this.status;
  this.pause = setTimeout(function () { status.textContent = said; }, ANNOUNCE_PAUSE);
};

/* Every result for a query, in order: the exact title first, then challenges and pages for
 * suppliers by relevance, then pages for staff by relevance. */
SearchBox.prototype.find = async function (query) {
  // Both searches of a query are one job of the queue: a newer query replaces them together.
  const [everything, staff] = await this.queue(function () {
    return Promise.all([engine.search(query), engine.search(query, { [engine.KIND]: engine.KINDS.staff })]);
  });
  const staffIds = new Set(staff.results.map(function (result) { return result.id; }));
  const results = everything.results.filter(function (result) { return !staffIds.has(result.id); })
    .concat(staff.results);
  // The exact title is among the first few by relevance (titles weigh most): look there.
  const wanted = fold(query);
  const head = await Promise.all(results.slice(0, PAGE_SIZE).map(function (result) { return result.data(); }));
  const exact = head.findIndex(function (data) { return fold(data.meta.title) === wanted; });
  if (exact > 0) results.unshift(results.splice(exact, 1)[0]);
  return results;
};

/* Show results up to `upTo`, adding those from `from` on; false when a newer query has
 * started meanwhile (then nothing changes). */
SearchBox.prototype.render = async function (upTo, from, sequence) {
  const mine = sequence === undefined ? this.sequence : sequence;
  const slice = this.results.slice(from, upTo);
  const data = await Promise.all(slice.map(function (result) { return result.data(); }));
  if (mine !== this.sequence) return false;
  const items = data.map(function (result) { return this.item(result); }, this);
  if (from === 0) this.list.replaceChildren.apply(this.list, items);
  else items.forEach(function (item) { this.list.appendChild(item); }, this);
  this.shown = from + items.length;
  this.more.hidden = this.shown >= this.results.length;
  if (from > 0 && items.length) items[0].querySelector("a").focus();
  return true;
};

SearchBox.prototype.item = function (result) {
  const meta = result.meta || {};
  const item = element("li", "uk-search__result");
  const link = element("a", "uk-search__link");
  link.href = engine.relative(result.url);
  link.appendChild(element("span", "uk-search__title", meta.title || result.url));
  item.appendChild(link);
  const facts = [meta.typ];
  if (meta.status) facts.push(meta.status);
  if (meta.open) facts.push(meta.open);
  if (meta.deadline) facts.push("Sista svarsdag " + meta.deadline);
  if (meta.municipalities) facts.push(meta.municipalities);
  item.appendChild(element("p", "uk-search__facts", facts.filter(Boolean).join(" · ")));
  const excerpt = element("p", "uk-search__excerpt");
  excerpt.append.apply(excerpt, excerptNodes(result.excerpt || ""));
  item.appendChild(excerpt);
  return item;
};

document.querySelectorAll("[data-uk-search]").forEach(function (root) {
  new SearchBox(root).start();
});
