// SPDX-License-Identifier: MPL-2.0
// Progressive enhancement: a button with data-copy="<id>" copies that element's text
// (or href) to the clipboard. Without script the button stays hidden and the link is shown.
document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) {
    return;
  }
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    if (!source) {
      continue;
    }
    const label = button.textContent.trim();
    button.hidden = false;
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(source.getAttribute("href") || source.textContent.trim());
      button.textContent = button.dataset.copied || label;
      window.setTimeout(() => {
        button.textContent = label;
      }, 2000);
    });
  }
});
