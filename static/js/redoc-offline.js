/* Loaded on the Redoc page only, before Redoc itself.
 *
 * Redoc's sidebar badge ("API docs by Redocly") sets its image's src to a
 * file on Redocly's CDN, and Redoc has no option to leave it out or point it
 * elsewhere (Redocly/redoc#2108). The portal reaches no other host and its
 * policy refuses the image, so that one URL is swapped for an empty data:
 * URL before the browser fetches anything; Redoc's own error handler for the
 * badge then leaves the image out and keeps the text. Every other image is
 * untouched. */
(function () {
  "use strict";
  var BADGE = "https://cdn.redoc.ly/redoc/logo-mini.svg";
  var src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    configurable: true,
    enumerable: src.enumerable,
    get: src.get,
    set: function (value) {
      src.set.call(this, value === BADGE ? "data:," : value);
    },
  });
})();
