// If the app's WebAssembly stops (a bug that traps; the release build has no panic messages, README "Size"),
// or its files can't be loaded or started, say so on the page instead of leaving a blank or frozen map.
// The app's state can't be trusted after a trap, so the only way on is a reload.
// Plain script, no dependencies, loaded before the app. `data-state="error"` is the same public attribute
// the app sets when the data can't be loaded. The texts are the app's, in the reader's language, when the app
// got as far as writing them onto <html> (`data-crash-*`, from locales/*.txt); else English.
(function () {
  'use strict';
  var shown = false;
  function isWasmFault(err) {
    if (!err) return false;
    if (typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError) return true;
    if (typeof WebAssembly !== 'undefined' && (err instanceof WebAssembly.CompileError || err instanceof WebAssembly.LinkError)) return true;
    return false;
  }
  function text(name, english) {
    return document.documentElement.getAttribute('data-crash-' + name) || english;
  }
  function show(detail) {
    if (shown || !document.body) return;
    shown = true;
    document.documentElement.setAttribute('data-state', 'error');
    var box = document.createElement('div');
    box.className = 'status error crash';
    box.setAttribute('role', 'alert');
    var p = document.createElement('p');
    var strong = document.createElement('strong');
    strong.textContent = text('title', 'Incident Map stopped because of an internal error.');
    p.appendChild(strong);
    var msg = document.createElement('p');
    msg.className = 'message';
    // Text only: an error's message is never read as HTML.
    msg.textContent = text('body', 'Reloading the page starts it again; a link to this view keeps your filters.') + ' (' + detail + ')';
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = text('reload', 'Reload');
    button.addEventListener('click', function () { location.reload(); });
    box.appendChild(p);
    box.appendChild(msg);
    box.appendChild(button);
    document.body.appendChild(box);
    button.focus();
  }
  function describe(err) {
    var text = String((err && err.message) || err || 'unknown error');
    return text.length > 200 ? text.slice(0, 200) + '…' : text;
  }
  // The app's own scripts: the start module (its top-level `await init()` fails if the wasm can't be
  // fetched or compiled) and the wasm-bindgen glue (its errors mean the wasm's state is broken).
  function fromApp(e) {
    return /\/(start|incident-map)-[0-9a-f]+\.js$/.test(e.filename || '');
  }
  addEventListener('error', function (e) {
    if (isWasmFault(e.error) || fromApp(e)) show(describe(e.error || e.message));
  });
  addEventListener('unhandledrejection', function (e) {
    if (isWasmFault(e.reason)) show(describe(e.reason));
  });
})();
