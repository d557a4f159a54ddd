// What jsdom lacks and the Log's virtual list (virtua) calls when it mounts: a
// ResizeObserver and Element.scrollTo. These stand-ins measure nothing; tests that
// need sizes (log.test.ts) install their own.
if (!("ResizeObserver" in window)) {
  class NoResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = NoResizeObserver;
}
if (typeof Element.prototype.scrollTo !== "function") {
  Element.prototype.scrollTo = function () {} as Element["scrollTo"];
}
