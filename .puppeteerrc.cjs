// pa11y brings Puppeteer, which would download its own Chrome during `npm ci`. The tests run
// pa11y and Lighthouse with Debian's Chromium (/usr/bin/chromium) instead: no browser download.
module.exports = { skipDownload: true };
