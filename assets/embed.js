/* Incident Map embed resizer. Include once on a page that embeds the map with
 *   <iframe data-incident-map src="https://…/?embed=1&…" …></iframe>
 * Each embedded map posts its content height ({type: "incident-map:height", height}) whenever it changes;
 * this sets that iframe's height to match. Only the iframe that sent the message is changed, whatever its
 * origin, and only to a height between 150 and 5000 px. No dependencies; including it twice is harmless. */
(function () {
  'use strict';
  if (window.incidentMapResizer) return;
  window.incidentMapResizer = true;
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'incident-map:height' || typeof data.height !== 'number' || !isFinite(data.height)) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.max(150, Math.min(5000, Math.round(data.height))) + 'px';
      }
    }
  });
})();
