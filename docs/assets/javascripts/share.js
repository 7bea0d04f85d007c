// "Copy link" for the page and for every heading's permalink (the ¶ next to it).
const share = document.querySelector("[data-share]");

async function copy(address) {
  const status = share.querySelector("[data-share-status]");
  try {
    await navigator.clipboard.writeText(address);
    status.textContent = share.dataset.copied;
  } catch {
    window.prompt("", address);
  }
}

if (share) {
  share.querySelector("[data-copy-page]").addEventListener("click", () => {
    copy(location.href.split("#")[0]);
  });
  for (const link of document.querySelectorAll(".md-typeset .headerlink")) {
    link.addEventListener("click", () => copy(new URL(link.getAttribute("href"), location.href).href));
  }
}
