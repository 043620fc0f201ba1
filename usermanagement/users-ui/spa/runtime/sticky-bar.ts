// The bar above the users table sticks to the top of the screen while the table scrolls under it. What is
// scrolled to in the table must stop below it, so its height, which changes with what it says and the screen's
// width, is kept in the CSS variable `--table-bar-height` that the table's `scroll-margin-top` reads.

export function trackStickyBarHeight(bar: HTMLElement, scope: HTMLElement): void {
  new ResizeObserver(([entry]) => {
    scope.style.setProperty("--table-bar-height", `${entry.borderBoxSize[0].blockSize}px`);
  }).observe(bar);
}
