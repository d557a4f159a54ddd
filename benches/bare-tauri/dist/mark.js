// Once a frame has been drawn with the page, report the mark, as Caliber's UI does.
requestAnimationFrame(() =>
  setTimeout(() => window.__TAURI_INTERNALS__.invoke("first_view_rendered"), 0),
);
