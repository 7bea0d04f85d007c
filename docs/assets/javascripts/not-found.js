// An address that does not exist. Readers and trainers type term ids in capitals (/terms/NPS/),
// while every address of the site is in lower case: lead such an address to its lower-case form,
// keeping the query and the section. An address already in lower case stays on this page.
const { pathname, search, hash } = window.location;
const lower = pathname.toLowerCase();
if (lower !== pathname) {
  window.location.replace(lower + search + hash);
}
