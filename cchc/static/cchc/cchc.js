// Small behaviours of the pages, none of which a form needs to work.
// A checkbox with data-select-all="NAME" ticks or clears every checkbox named NAME.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.dataset.selectAll) return;
  for (const other of document.querySelectorAll(`input[type="checkbox"][name="${box.dataset.selectAll}"]`)) {
    other.checked = box.checked;
  }
});
