// Preview cards for links to term pages. Hovering a link, focusing it with the keyboard, or a
// first tap on a touch screen shows the term and the start of its definition, which the build
// puts on the link (data-preview-term, data-preview); a second tap, or the card's own link,
// opens the term page. Escape, or a tap elsewhere, closes the card.
const template = document.querySelector("template[data-preview-card]");
const links = [...document.querySelectorAll(".md-content a[data-preview]")];

const SHOW_DELAY = 200;
const HIDE_DELAY = 150;
const GAP = 6;

if (template && links.length) {
  // The card joins the page when first shown, so it never holds a link without an address.
  const card = template.content.firstElementChild.cloneNode(true);
  card.id = "mr-preview";
  card.hidden = true;
  const title = card.querySelector("[data-preview-title]");
  const text = card.querySelector("[data-preview-text]");
  const open = card.querySelector("[data-preview-open]");
  open.tabIndex = -1; // the link itself opens the page from the keyboard

  let owner = null;
  let timer = 0;
  let touch = false;

  const later = (fn, delay) => {
    clearTimeout(timer);
    timer = setTimeout(fn, delay);
  };

  function place(link) {
    const box = link.getBoundingClientRect();
    card.style.left = "0px";
    card.style.top = "0px";
    const width = card.offsetWidth;
    const height = card.offsetHeight;
    const left = Math.max(GAP, Math.min(box.left, document.documentElement.clientWidth - width - GAP));
    const below = box.bottom + GAP + height <= window.innerHeight || box.top < height + GAP;
    const top = below ? box.bottom + GAP : box.top - height - GAP;
    card.style.left = `${left + window.scrollX}px`;
    card.style.top = `${top + window.scrollY}px`;
  }

  function show(link) {
    clearTimeout(timer);
    if (owner && owner !== link) owner.removeAttribute("aria-describedby");
    owner = link;
    title.textContent = link.dataset.previewTerm || link.textContent;
    text.textContent = link.dataset.preview;
    open.href = link.href;
    if (!card.isConnected) document.body.append(card);
    card.hidden = false;
    card.classList.toggle("mr-preview--touch", touch);
    link.setAttribute("aria-describedby", card.id);
    place(link);
  }

  function hide() {
    clearTimeout(timer);
    if (owner) owner.removeAttribute("aria-describedby");
    owner = null;
    card.hidden = true;
  }

  for (const link of links) {
    link.addEventListener("pointerenter", (event) => {
      if (event.pointerType === "mouse") later(() => show(link), SHOW_DELAY);
    });
    link.addEventListener("pointerleave", (event) => {
      if (event.pointerType === "mouse") later(hide, HIDE_DELAY);
    });
    link.addEventListener("focus", () => {
      if (!touch) show(link);
    });
    link.addEventListener("blur", () => {
      if (!touch) later(hide, HIDE_DELAY);
    });
    link.addEventListener("pointerdown", (event) => {
      touch = event.pointerType !== "mouse";
    });
    link.addEventListener("click", (event) => {
      if (touch && owner !== link) {
        event.preventDefault(); // the first tap opens the card, the second the page
        show(link);
      }
    });
  }

  card.addEventListener("pointerenter", () => clearTimeout(timer));
  card.addEventListener("pointerleave", (event) => {
    if (event.pointerType === "mouse") later(hide, HIDE_DELAY);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && owner) hide();
  });
  document.addEventListener("pointerdown", (event) => {
    if (owner && !card.contains(event.target) && !links.includes(event.target.closest("a"))) {
      hide();
    }
  });
  window.addEventListener("resize", () => owner && place(owner));
}
