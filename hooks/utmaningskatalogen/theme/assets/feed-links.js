/* Utmaningskatalogen: keep Material's language selector away from the feed links.
 *
 * Material 9 (integrations/alternate, setupAlternate) takes every <link rel="alternate"> in the
 * page for another language version of the site, and at DOMContentLoaded downloads
 * "sitemap.xml" next to each: for the site feed that is the whole sitemap on every page view,
 * and for a municipality's or area's own feed (kommuner/ystad/feed.xml) a request for
 * kommuner/ystad/sitemap.xml that answers 404. Feeds are announced with rel="alternate", as
 * feed readers expect, so the links stay in the HTML; while Material looks for them they step
 * aside, and they are back right after. This script comes after Material's bundle, so its
 * DOMContentLoaded listener runs after Material's. No inline code: works under the site's CSP.
 */
(function () {
  "use strict";

  var links = Array.prototype.slice.call(
    document.querySelectorAll('link[rel="alternate"][type="application/atom+xml"]'));
  links.forEach(function (link) {
    link.setAttribute("rel", "alternate-feed");
  });
  document.addEventListener("DOMContentLoaded", function () {
    links.forEach(function (link) {
      link.setAttribute("rel", "alternate");
    });
  }, { once: true });
})();
