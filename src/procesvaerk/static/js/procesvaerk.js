// SPDX-License-Identifier: MPL-2.0
// Starts the design system's components; no inline script (the CSP forbids it).
document.addEventListener("DOMContentLoaded", () => {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
  }
});
