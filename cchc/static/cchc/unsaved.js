// "Leave the page?" before a page whose form (data-warn-unsaved) holds changes not yet sent:
// any field whose value differs from the one the page was served with, or a chosen file.
// Fields outside the form that belong to it (form="…") count too, and so does a form the
// server sent back unsaved (data-unsaved, after a refusal). Sending that form is no loss;
// leaving by any other way (a link, another form's button) asks first.
(() => {
  let sending = null;

  const changed = (form) =>
    "unsaved" in form.dataset ||
    Array.from(form.elements).some((el) => {
      if (el instanceof HTMLTextAreaElement) return el.value !== el.defaultValue;
      if (el instanceof HTMLSelectElement) {
        return Array.from(el.options).some((o) => o.selected !== o.defaultSelected);
      }
      if (!(el instanceof HTMLInputElement) || el.type === "hidden") return false;
      if (el.type === "file") return el.files !== null && el.files.length > 0;
      if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
      return el.value !== el.defaultValue;
    });

  document.addEventListener("submit", (event) => {
    if (event.target instanceof HTMLFormElement && "warnUnsaved" in event.target.dataset) {
      sending = event.target;
    }
  });

  window.addEventListener("beforeunload", (event) => {
    for (const form of document.querySelectorAll("form[data-warn-unsaved]")) {
      if (form !== sending && changed(form)) {
        event.preventDefault();
        // Older browsers show the prompt only when returnValue is set.
        event.returnValue = "";
        return;
      }
    }
  });
})();
