// Small behaviours of the pages, none of which a form needs to work.
// The Content-Security-Policy allows no inline script, event-handler attribute or style
// attribute: every behaviour is here, bound by data attributes.
"use strict";

// A checkbox with data-select-all="NAME" ticks or clears every checkbox named NAME.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.dataset.selectAll) return;
  for (const other of document.querySelectorAll(`input[type="checkbox"][name="${box.dataset.selectAll}"]`)) {
    other.checked = box.checked;
  }
});

// Positions and sizes the server computed (timeline bars, progress bars) come as
// data-pct-left / data-pct-width, numbers in % of the parent; set through the DOM, which the
// policy allows, unlike a style attribute.
const PCT_PROPERTIES = { pctLeft: "left", pctWidth: "width" };

function placeAll(root) {
  const elements = root instanceof Element ? [root] : [];
  elements.push(...root.querySelectorAll("[data-pct-left], [data-pct-width]"));
  for (const element of elements) {
    for (const [key, property] of Object.entries(PCT_PROPERTIES)) {
      const raw = element.dataset[key];
      if (raw === undefined || raw === "") continue;
      const value = Number(raw);
      if (Number.isFinite(value)) element.style[property] = `${Math.min(100, Math.max(0, value))}%`;
    }
  }
}

placeAll(document);
// Parts of a page that HTMX swaps in.
document.addEventListener("htmx:load", (event) => placeAll(event.detail.elt));

// A table box that scrolls sideways (a wide table on a phone) can be reached and scrolled with
// the keyboard: it gets a tab stop and a name while, and only while, it overflows.
function markScrollingTables() {
  for (const box of document.querySelectorAll(".table-responsive")) {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      const table = box.querySelector("table");
      const label = table && (table.getAttribute("aria-label") || table.caption?.textContent
        || box.closest("section")?.querySelector("h2, h3")?.textContent);
      box.setAttribute("aria-label", (label || document.title).trim());
      box.dataset.scrollMarked = "1";
    } else if (!scrolls && box.dataset.scrollMarked) {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
      delete box.dataset.scrollMarked;
    }
  }
}
markScrollingTables();
window.addEventListener("resize", markScrollingTables);
document.addEventListener("htmx:load", markScrollingTables);
