/* Utmaningskatalogen: live filters on the catalogue page (/utmaningar/).
 *
 * Progressive enhancement of the server-rendered GET form: without this script the whole
 * list shows. The rules are those of hooks/utmaningskatalogen/finder.py; the data is what
 * the build writes on each card (data-* attributes), never a copy. The text field (q) asks
 * the site's search engine (search-engine.js, the same as the header's search box) which
 * challenges the words find, so both boxes agree. While it answers, the form carries
 * data-state="searching"; "sorting" while the cards below the first ones are put in a new
 * order; "ready" once the list shows the state in the controls.
 * The URL's query string is the state: loading it restores the filters, every change adds
 * a history entry, and going back restores the previous one.
 * No framework, no inline code, nothing from other sites: works under a strict CSP.
 */
(function () {
  "use strict";

  var TYPING_PAUSE = 600; // ms of no typing before the new count is announced
  var WIDE = "(min-width: 60em)"; // where the filters are open when the page loads
  var AT_ONCE = 40; // cards put in their new order at once when the order changes (Catalogue.sort)
  // The engine sits next to this script; import() takes it from the site itself.
  var ENGINE = document.currentScript ? new URL("search-engine.js", document.currentScript.src).href : null;

  /* Open with its deadline at most `days` away (finder.closes_within); a dialogue open until
   * further notice has no deadline and never closes within a window. */
  function closesWithin(card, days) {
    return card.open && card.daysLeft !== null && card.daysLeft <= days;
  }

  function Catalogue(form, list) {
    this.form = form;
    this.list = list;
    this.count = document.getElementById("uk-count");
    this.noMatch = document.getElementById("uk-no-match");
    this.order = "catalogue"; // as the build wrote it
    this.cards = Array.prototype.map.call(list.querySelectorAll("[data-slug]"), function (card, index) {
      var daysLeft = card.getAttribute("data-days-left");
      return {
        element: card,
        index: index,
        status: card.getAttribute("data-status"),
        open: card.getAttribute("data-open") === "1",
        daysLeft: daysLeft ? Number(daysLeft) : null, // from the build (model.ResponseState)
        published: card.getAttribute("data-published"),
        municipalities: card.getAttribute("data-municipalities").split(" "),
        areas: card.getAttribute("data-areas").split(" "),
        slug: card.getAttribute("data-slug"),
        shown: true
      };
    });
  }

  /* The state in the form's controls, as the URL holds it. */
  Catalogue.prototype.read = function () {
    var form = this.form;
    function checked(name) {
      return Array.prototype.map.call(form.querySelectorAll("input[name=" + name + "]:checked"),
        function (input) { return input.value; });
    }
    return {
      q: form.elements.q.value.trim(),
      status: form.elements.status.value,
      open: form.elements.open.checked,
      municipality: checked("municipality").sort(),
      area: checked("area").sort(),
      deadline: form.elements.deadline.value,
      sort: form.elements.sort.value
    };
  };

  /* Set the controls from a query string; values the page does not offer are ignored. */
  Catalogue.prototype.write = function (search) {
    var params = new URLSearchParams(search);
    var form = this.form;
    function choose(select, value) {
      var known = Array.prototype.some.call(select.options, function (option) { return option.value === value; });
      select.value = known ? value : select.options[0].value;
    }
    form.elements.q.value = params.get("q") || "";
    choose(form.elements.status, params.get("status") || "");
    choose(form.elements.deadline, params.get("deadline") || "");
    choose(form.elements.sort, params.get("sort") || "");
    form.elements.open.checked = params.get("open") === "1";
    ["municipality", "area"].forEach(function (name) {
      var wanted = params.getAll(name);
      var group = form.querySelector("[data-facet=" + name + "]");
      var any = false;
      form.querySelectorAll("input[name=" + name + "]").forEach(function (input) {
        input.checked = wanted.indexOf(input.value) !== -1;
        any = any || input.checked;
      });
      if (any && group) group.open = true;
    });
  };

  /* The query string of a state, in the same order as Filters.query_string() in finder.py. */
  function queryString(state) {
    var params = new URLSearchParams();
    if (state.q) params.append("q", state.q);
    if (state.status) params.append("status", state.status);
    if (state.open) params.append("open", "1");
    state.municipality.forEach(function (key) { params.append("municipality", key); });
    state.area.forEach(function (key) { params.append("area", key); });
    if (state.deadline) params.append("deadline", state.deadline);
    if (state.sort && state.sort !== "deadline") params.append("sort", state.sort);
    return params.toString();
  }

  function anyOf(chosen, values) {
    if (!chosen.length) return true;
    for (var i = 0; i < values.length; i++) if (chosen.indexOf(values[i]) !== -1) return true;
    return false;
  }

  /* Filter the list and recount every option. `found` is the set of slugs the search engine
   * found for state.q (null when q is empty, or when the engine cannot answer: then q filters
   * nothing out). */
  Catalogue.prototype.apply = function (state, announce, found) {
    if (this.pending) this.finishOrder(); // cards about to show must stand in their places
    var within = state.deadline ? Number(state.deadline) : null;
    var counts = { status: { "": 0 }, open: 0, municipality: {}, area: {}, deadline: { "": 0 } };
    var windows = Array.prototype.map.call(this.form.elements.deadline.options, function (option) {
      return option.value;
    }).filter(Boolean).map(Number);
    var shown = 0;

    this.cards.forEach(function (card) {
      var q = !found || found.has(card.slug);
      var status = !state.status || card.status === state.status;
      var open = !state.open || card.open;
      var municipality = anyOf(state.municipality, card.municipalities);
      var area = anyOf(state.area, card.areas);
      var deadline = within === null || closesWithin(card, within);
      // An option counts the cards that every other control lets through: with one test failed,
      // only that test's own options count the card; with two, none does.
      var failed = !q + !status + !open + !municipality + !area + !deadline;
      var show = failed === 0;
      if (show) shown++;
      if (show !== card.shown) {
        // An inline style, not the hidden attribute: Chromium restyles far less for it.
        card.element.style.display = show ? "" : "none";
        card.shown = show;
      }
      if (failed > 1) return;
      if (show || !status) {
        counts.status[""]++;
        counts.status[card.status] = (counts.status[card.status] || 0) + 1;
      }
      if ((show || !open) && card.open) counts.open++;
      if (show || !municipality) {
        card.municipalities.forEach(function (key) { counts.municipality[key] = (counts.municipality[key] || 0) + 1; });
      }
      if (show || !area) {
        card.areas.forEach(function (key) { counts.area[key] = (counts.area[key] || 0) + 1; });
      }
      if (show || !deadline) {
        counts.deadline[""]++;
        windows.forEach(function (days) {
          if (closesWithin(card, Number(days))) counts.deadline[days] = (counts.deadline[days] || 0) + 1;
        });
      }
    });

    this.sort(state.sort);
    this.showCounts(counts, state);
    if (this.noMatch) this.noMatch.hidden = shown > 0;
    this.shown = shown;
    if (announce) this.announce();
  };

  /* Reorder the cards only when the order changes: moving 2000 nodes is the costly part, and
   * any change to a list that long restyles all of it. So the first cards shown in the new
   * order are put at the top at once, and the whole list is put in order once the browser has
   * painted that (the next filter change, or anything waiting for "ready", finishes it first). */
  Catalogue.prototype.sort = function (sort) {
    var order = sort === "published" ? "published" : "catalogue";
    if (order === this.order) return;
    var cards = this.inOrder(order);
    var head = [];
    for (var i = 0; i < cards.length && head.length < AT_ONCE; i++) if (cards[i].shown) head.push(cards[i].element);
    this.list.prepend.apply(this.list, head);
    this.order = order;
    this.pending = cards;
    var catalogue = this;
    requestAnimationFrame(function () { setTimeout(function () { catalogue.finishOrder(); }, 0); });
  };

  Catalogue.prototype.inOrder = function (order) {
    if (order === "catalogue") return this.cards; // as the build wrote them
    if (!this.byPublished) {
      this.byPublished = this.cards.slice().sort(function (a, b) {
        return a.published < b.published ? 1 : a.published > b.published ? -1 : a.index - b.index;
      });
    }
    return this.byPublished;
  };

  /* The whole list in the order chosen last; then whatever waited for it. */
  Catalogue.prototype.finishOrder = function () {
    var cards = this.pending;
    if (cards) {
      this.pending = null;
      this.list.replaceChildren.apply(this.list, cards.map(function (card) { return card.element; }));
    }
    var waiting = this.waiting || [];
    this.waiting = [];
    waiting.forEach(function (done) { done(); });
  };

  /* `done` once every card stands in its place. */
  Catalogue.prototype.whenInOrder = function (done) {
    if (!this.pending) return done();
    (this.waiting = this.waiting || []).push(done);
  };

  function setText(element, text) {
    if (element && element.textContent !== text) element.textContent = text;
  }

  /* Where each count is shown, found once: looking up an input's label searches the page. */
  Catalogue.prototype.countPlaces = function () {
    var form = this.form;
    var places = { options: [], boxes: [], chosen: {} };
    ["status", "deadline"].forEach(function (name) {
      Array.prototype.forEach.call(form.elements[name].options, function (option) {
        places.options.push({ name: name, option: option, label: option.getAttribute("data-label") });
      });
    });
    places.open = form.elements.open.labels[0].querySelector(".uk-facet-count");
    ["municipality", "area"].forEach(function (name) {
      form.querySelectorAll("input[name=" + name + "]").forEach(function (input) {
        places.boxes.push({ name: name, value: input.value, count: input.labels[0].querySelector(".uk-facet-count") });
      });
      places.chosen[name] = form.querySelector("[data-facet=" + name + "] .uk-facet__chosen");
    });
    return places;
  };

  Catalogue.prototype.showCounts = function (counts, state) {
    var places = this.places || (this.places = this.countPlaces());
    places.options.forEach(function (place) {
      setText(place.option, place.label + " (" + (counts[place.name][place.option.value] || 0) + ")");
    });
    setText(places.open, "(" + counts.open + ")");
    places.boxes.forEach(function (place) {
      setText(place.count, "(" + (counts[place.name][place.value] || 0) + ")");
    });
    ["municipality", "area"].forEach(function (name) {
      var chosen = state[name].length;
      setText(places.chosen[name], chosen ? " – " + chosen + " " + (chosen === 1 ? "vald" : "valda") : "");
    });
    // The disclosure around the filters says how many are chosen, so that it can stay closed.
    var filters = (state.status ? 1 : 0) + (state.open ? 1 : 0) + (state.deadline ? 1 : 0) +
      state.municipality.length + state.area.length;
    setText(this.form.querySelector(".uk-filters__chosen"),
            filters ? " – " + filters + " " + (filters === 1 ? "valt" : "valda") : "");
  };

  /* The count is a live region (role=status): screen readers say the new number. */
  Catalogue.prototype.announce = function () {
    setText(this.count, this.shown + (this.shown === 1 ? " utmaning" : " utmaningar"));
  };

  function start() {
    var form = document.querySelector("form.uk-filters");
    var list = document.querySelector(".uk-cards");
    if (!form || !list) return;
    var catalogue = new Catalogue(form, list);
    var typing = false; // the current history entry was made while typing in the search field
    var pause = null;
    var engine = null; // search-engine.js, imported on first use
    var asked = 0; // the latest question to the engine; older answers are dropped
    var answers = { q: "", found: null }; // the last answer, reused while q stays the same

    /* The slugs the engine finds for q: a Promise, or the set itself when it is known. */
    function found(q) {
      if (!q) return null;
      if (answers.q === q) return answers.found;
      if (!ENGINE) return null;
      engine = engine || import(ENGINE);
      return engine.then(function (module) { return module.challengeSlugs(q); }).then(function (slugs) {
        answers = { q: q, found: slugs };
        return slugs;
      }, function (error) {
        // A newer query replaced this one before it ran: its answer is not wanted.
        if (!(error && error.message === "superseded")) {
          console.warn("Sökningen svarar inte; texten filtrerar inte listan.", error);
        }
        return null;
      });
    }

    /* Focusing the text field starts loading the engine, so the first answer comes quickly. */
    function prepare() {
      if (!ENGINE) return;
      engine = engine || import(ENGINE);
      engine.then(function (module) { return module.prepareChallengeSlugs(); }).catch(function () {});
    }

    /* Show a state: at once when the engine's answer is known, else once it comes. Returns a
     * Promise that settles when the list shows it. */
    function show(state, announce) {
      var mine = ++asked;
      var answer = found(state.q);
      function ready() {
        if (mine !== asked) return;
        if (catalogue.pending) form.setAttribute("data-state", "sorting");
        catalogue.whenInOrder(function () { if (mine === asked) form.setAttribute("data-state", "ready"); });
      }
      if (!answer || typeof answer.then !== "function") {
        catalogue.apply(state, announce, answer);
        ready();
        return Promise.resolve();
      }
      form.setAttribute("data-state", "searching");
      return answer.then(function (slugs) {
        if (mine !== asked) return;
        catalogue.apply(state, announce, slugs);
        ready();
      });
    }

    function update(how) {
      var state = catalogue.read();
      var query = queryString(state);
      var url = query ? "?" + query : location.pathname;
      if (query !== location.search.replace(/^\?/, "")) {
        if (how === "typing" && typing) history.replaceState(null, "", url);
        else history.pushState(null, "", url);
      }
      typing = how === "typing";
      clearTimeout(pause);
      var shown = show(state, how !== "typing");
      // While typing, the list follows every key but the count is said once typing pauses.
      if (how === "typing") {
        pause = setTimeout(function () {
          shown.then(function () { if (!typing || form.getAttribute("data-state") === "ready") catalogue.announce(); });
        }, TYPING_PAUSE);
      }
    }

    catalogue.write(location.search);
    show(catalogue.read(), true);
    form.querySelector("button[type=submit]").hidden = true;
    // The filters show at once on wide screens; on a phone the first challenge comes first.
    var more = form.querySelector(".uk-filters__more");
    if (more && window.matchMedia(WIDE).matches) more.open = true;

    form.elements.q.addEventListener("focus", prepare);
    form.addEventListener("input", function (event) {
      if (event.target.name === "q") update("typing");
    });
    form.addEventListener("change", function (event) {
      if (event.target.name !== "q") update("change");
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      typing = false;
      update("change");
    });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      catalogue.write("");
      typing = false;
      update("change");
    });
    window.addEventListener("popstate", function () {
      typing = false;
      catalogue.write(location.search);
      show(catalogue.read(), true);
    });
  }

  // Loaded at the end of <body>: the form and the list are there.
  start();
})();
