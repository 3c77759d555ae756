// SPDX-License-Identifier: MPL-2.0
// Starts Swagger UI on /api/v1/docs; the schema's address comes from a data attribute,
// so the page needs no inline script (the site's CSP forbids it).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    domNode: root,
    deepLinking: true,
    validatorUrl: null, // no call to a third-party validator
    layout: "BaseLayout",
    presets: [window.SwaggerUIBundle.presets.apis],
  });
});
