// Once a frame has been drawn with the page, report the mark, as Caliber's UI does.
const script = Math.round(performance.now());
requestAnimationFrame(() =>
  setTimeout(() => {
    const marks = `script ${script}, shown ${Math.round(performance.now())}`;
    window.__TAURI_INTERNALS__.invoke("first_view_rendered", { marks });
  }, 0),
);
