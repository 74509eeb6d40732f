/* Utmaningskatalogen: Material's search worker, with Swedish stemming of the query.
 *
 * Material indexes whole words (no stemmer in the index) and appends `*` to every query term,
 * and lunr never stems a wildcard term. So we stem each query word with the Swedish Snowball
 * stemmer Material ships (lunr.sv.stemmer) before Material sees it: "vattenläckorna" becomes
 * "vattenläck", and Material's "vattenläck*" finds "vattenläckor". A Swedish stem is always a
 * prefix of its word, so every word that is in the index is still found by itself.
 * A result whose page title is exactly the query goes first.
 *
 * theme/main.html points Material at this file with ?material=<Material's worker file>;
 * it lives next to that file so Material's relative "../lunr/…" imports still resolve.
 */
(function () {
  "use strict";

  var QUERY = 2, RESULT = 3; // Material's SearchMessageType
  var material = new URLSearchParams(self.location.search).get("material") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material))
    throw new Error("search-sv.js: ange Materials sökskript som ?material=search.<hash>.min.js");

  var WORD = /(?<![\p{L}\p{N}])\p{L}+/gu;

  /* Stem each word that ends a search term (Material splits terms at the index's separator):
   * the stemmed term is then a prefix of the original one and finds all it found. A word
   * followed by ":" names a field (title:…); one followed by "_", "@" and the like is the
   * middle of a term and is left alone. */
  function stem(query) {
    var lunr = self.lunr;
    if (!lunr || !lunr.sv || !lunr.tokenizer.separator) return query;
    var separator = new RegExp(lunr.tokenizer.separator.source);
    return query.replace(WORD, function (word, offset) {
      var next = query.charAt(offset + word.length);
      var endsTerm = next === "" || /[\s*~^]/.test(next) || (next !== ":" && separator.test(next));
      return endsTerm ? lunr.sv.stemmer(word.toLowerCase()) : word;
    });
  }

  function plain(title) {
    var text = String(title || "").replace(/<[^>]*>/g, "")
      .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#0*39;/g, "'")
      .replace(/&amp;/g, "&");
    return text.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  }

  /* Move the page whose title is exactly the query to the top. */
  function exactTitleFirst(result, query) {
    var wanted = plain(query);
    var items = result && result.items;
    if (!wanted || !items) return;
    for (var i = 1; i < items.length; i++) {
      var hit = items[i].some(function (item) { return !item.parent && plain(item.title) === wanted; });
      if (hit) {
        items.unshift(items.splice(i, 1)[0]);
        return;
      }
    }
  }

  var queries = []; // queries in flight, oldest first: Material answers them in order
  var listen = self.addEventListener;
  var post = self.postMessage;

  self.addEventListener = function (type, listener, options) {
    if (type === "message") {
      var handle = listener;
      listener = function (event) {
        var message = event.data;
        if (message && message.type === QUERY) {
          queries.push(message.data);
          message = { type: QUERY, data: stem(message.data) };
        }
        return handle.call(self, { data: message });
      };
    }
    return listen.call(self, type, listener, options);
  };
  self.postMessage = function (message) {
    if (message && message.type === RESULT) exactTitleFirst(message.data, queries.shift());
    return post.apply(self, arguments);
  };

  importScripts(material);
})();
