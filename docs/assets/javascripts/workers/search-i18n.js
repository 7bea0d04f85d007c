// Material's search worker, searching the pages of one language only.
//
// Pages start this file as their search worker (`search-i18n.js?lang=et&worker=search.….js`,
// set by the build). The site has one search index for every language, each entry marked with
// its "lang"; this wrapper drops the other languages' entries from the index before Material's
// worker, loaded next, builds its lunr index from it.
//
// Queries change in two ways before Material reads them. An abbreviation with an Estonian case
// ending or an English plural ("NPS-i", "KPI-dega", "KPIs") is read as the abbreviation, since
// the ending alone would match the start of every word. And Material matches every word as the start of a word only, which
// ranks "teeninduskanal" (36 forms starting with "teenindus") with "teenindus" itself: each
// plain word is also searched as a whole word, weighted EXACT times, so the page of the word
// typed comes first and longer words still follow.
const params = new URL(self.location.href).searchParams;
const lang = params.get("lang");
const material = new URL(params.get("worker") || "", self.location.href);

// Material's SearchMessageType: SETUP carries the index, QUERY the reader's text.
const SETUP = 0;
const QUERY = 2;
const EXACT = 100;
const PLAIN_WORD = /^[\p{L}\d]+$/u;
const CASE_ENDING = /(?<![\p{L}\d])([\p{L}\d]*\p{Lu}[\p{L}\d]*\p{Lu}[\p{L}\d]*)-\p{Ll}{1,4}(?![\p{L}\d-])/gu;
const PLURAL = /(?<![\p{L}\d])([\p{L}\d]*\p{Lu}[\p{L}\d]*\p{Lu})s(?![\p{L}\d-])/gu;

self.addEventListener("message", ({ data: message }) => {
  if (!message) return;
  if (message.type === SETUP && lang && message.data && Array.isArray(message.data.docs)) {
    message.data.docs = message.data.docs.filter((doc) => !doc.lang || doc.lang === lang);
  } else if (message.type === QUERY && typeof message.data === "string") {
    message.data = rewrite(message.data);
  }
});

function rewrite(query) {
  const plain = query.replace(CASE_ENDING, "$1").replace(PLURAL, "$1");
  if (plain.includes('"')) return plain; // a quoted phrase stays as the reader wrote it
  return plain
    .split(/\s+/)
    .map((word) => (PLAIN_WORD.test(word) ? `${word}^${EXACT} ${word}` : word))
    .join(" ")
    .trim();
}

if (material.origin === self.location.origin) {
  importScripts(material.href);
}
