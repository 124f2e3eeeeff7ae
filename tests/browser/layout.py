"""What a reader of a narrow or a wide window sees of a page's width, measured in the open page.

Each check returns one line per problem, naming the element (its tag, id, classes and first words),
so that a failure says what to look at:

* the page is wider than the window (the reader would scroll the whole page sideways), with the
  outermost elements that reach past it;
* an element of the extension's markup (a class starting "svcready", or inside such an element)
  draws its content (its box less its padding) out of the theme's content column, over the margin
  or a sidebar, while not held by an element that scrolls or clips it (such an element is checked
  itself, and what is inside it is its own);
* an element in the content column, or holding it, that scrolls sideways cannot be focused with
  the keyboard or has no name for a screen reader to announce (axe's
  ``scrollable-region-focusable`` asks the first);
* an element in the content column clips its content (``overflow: hidden``), so a reader cannot
  reach what is cut off;
* a word of the extension's text is split across lines although its box is wide enough for it,
  or although it is shorter than LONG_WORD_EM (a cell squeezed to fragments of words).

Elements in a closed ``<details>`` are not seen, so they are not checked: open_disclosures opens
the extension's first.
"""

from __future__ import annotations

from playwright.sync_api import Page

#: A word may be split across lines only when it is longer than this many of its font's em, and
#: wider than its box: a long unbroken name, such as a URL, in a narrow cell.
LONG_WORD_EM = 10

_CHECK = """([column, longWordEm]) => {
  const problems = [];
  const describe = (element) => {
    let name = element.tagName.toLowerCase();
    if (element.id) name += '#' + element.id;
    for (const cls of element.classList) name += '.' + cls;
    const words = (element.innerText || element.textContent || '').trim().split(/\\s+/).slice(0, 6);
    const text = words.join(' ');
    return text ? `${name} ("${text.slice(0, 50)}")` : name;
  };
  const px = (value) => Math.round(value);
  const style = (element) => getComputedStyle(element);
  const scrolls = (element) => ['auto', 'scroll'].includes(style(element).overflowX);
  const clips = (element) => ['hidden', 'clip'].includes(style(element).overflowX);
  // Drawn, with a size: not in a closed <details>, not display: none or visibility: hidden.
  const visible = (element) => {
    const rect = element.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && element.checkVisibility({visibilityProperty: true});
  };
  // Laid out, with a size, seen or not: what is hidden by visibility still widens the page.
  const laidOut = (element) => {
    const rect = element.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && element.checkVisibility();
  };
  // What holds an element in: the nearest element between it and the body that scrolls or clips
  // it, 'fixed' for what is fixed to the window, or null. An absolutely positioned element is
  // held by its containing block's clippers only (the nearest positioned ancestor's), not by a
  // scrolling parent that is not positioned: it sticks out of that, and widens the page.
  const holder = (element) => {
    let up = element;
    while (up && up !== document.body) {
      const position = style(up).position;
      if (position === 'fixed') return 'fixed';
      if (position === 'absolute') {
        do { up = up.parentElement; } while (up && up !== document.body && style(up).position === 'static');
      } else {
        up = up.parentElement;
      }
      if (up && up !== document.body && (scrolls(up) || clips(up))) return up;
    }
    return null;
  };
  // The element's box less its padding: where its content is drawn (furo's headings, for one,
  // reach half a rem into the margin with their padding, to draw their highlight).
  const inner = (element) => {
    const rect = element.getBoundingClientRect();
    const edges = style(element);
    return {left: rect.left + parseFloat(edges.paddingLeft), right: rect.right - parseFloat(edges.paddingRight)};
  };

  // 1. The page itself.
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth + 1) {
    // Name the outermost elements that reach past the window, outside anything that scrolls.
    const past = Array.from(document.body.querySelectorAll('*')).filter((element) =>
      laidOut(element) && inner(element).right > window.innerWidth + 1 && holder(element) === null);
    const outermost = past.filter((element) => !past.includes(element.parentElement));
    const named = outermost.slice(0, 5).map((element) =>
      `${describe(element)} reaches ${px(inner(element).right)} px`);
    problems.push(`the page is ${root.scrollWidth} px wide in a ${window.innerWidth} px window: `
      + (named.join('; ') || 'no single element reaches past it'));
  }

  // 2. The extension's markup within the content column.
  const columns = document.querySelectorAll(column);
  if (columns.length !== 1) {
    problems.push(`${columns.length} elements match the content column ${column}`);
    return problems;
  }
  const content = columns[0];
  const box = content.getBoundingClientRect();
  const edges = style(content);
  const left = box.left + parseFloat(edges.borderLeftWidth) + parseFloat(edges.paddingLeft);
  const right = box.right - parseFloat(edges.borderRightWidth) - parseFloat(edges.paddingRight);
  const contained = (element) => {
    const held = holder(element);
    return held === 'fixed' || (held !== null && held !== content && content.contains(held));
  };
  const marked = Array.from(document.querySelectorAll('[class^="svcready"], [class*=" svcready"]'));
  const ours = new Set(marked.flatMap((element) => [element, ...element.querySelectorAll('*')]));
  const outside = new Set(Array.from(ours).filter((element) => {
    if (!visible(element) || contained(element)) return false;
    const drawn = inner(element);
    return drawn.left < left - 1 || drawn.right > right + 1;
  }));
  // Each of the outermost of them; what is inside one is out with it.
  const first = Array.from(outside).filter((element) => !outside.has(element.parentElement));
  for (const element of first.slice(0, 8)) {
    const drawn = inner(element);
    problems.push(`${describe(element)} spans ${px(drawn.left)}-${px(drawn.right)} px, out of the `
      + `content column (${column}) at ${px(left)}-${px(right)} px`);
  }
  if (first.length > 8) problems.push(`... and ${first.length - 8} more elements out of the column`);

  // 3. What scrolls sideways in the content column, or holds it, is focusable and named; nothing
  // there clips its content. (A visually hidden text, 1 px wide, clips on purpose.)
  const candidates = [...content.querySelectorAll('*')];
  for (let up = content; up && up !== document.documentElement; up = up.parentElement) candidates.push(up);
  for (const element of candidates) {
    if (!visible(element) || element.scrollWidth <= element.clientWidth + 1) continue;
    if (scrolls(element)) {
      const labelledBy = (element.getAttribute('aria-labelledby') || '').split(/\\s+/)
        .map((id) => document.getElementById(id)).filter((found) => found)
        .map((found) => found.textContent.trim()).join(' ');
      const name = labelledBy || (element.getAttribute('aria-label') || '').trim()
        || (element.getAttribute('title') || '').trim();
      const why = [];
      if (element.tabIndex < 0) why.push('cannot be focused with the keyboard');
      if (!name) why.push('has no accessible name');
      if (why.length) {
        problems.push(`${describe(element)} scrolls sideways (${element.scrollWidth} px in `
          + `${element.clientWidth} px) but ${why.join(' and ')}`);
      }
    } else if (clips(element) && element.clientWidth > 1 && element !== content) {
      problems.push(`${describe(element)} cuts off its content (${element.scrollWidth} px in `
        + `${element.clientWidth} px, overflow ${style(element).overflowX})`);
    }
  }

  // 4. Words of the extension's text are split only where they cannot fit.
  const blockOf = (node) => {
    let up = node.parentElement;
    while (up && style(up).display.startsWith('inline') && style(up).display !== 'inline-block') {
      up = up.parentElement;
    }
    return up;
  };
  const broken = [];
  for (const element of marked) {
    if (marked.some((other) => other !== element && other.contains(element))) continue;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !visible(parent) || parent.closest('.svcready-visually-hidden')) continue;
      for (const match of node.textContent.matchAll(/[^\\s-]+-*/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = Array.from(range.getClientRects()).filter((rect) => rect.width > 0);
        const lines = new Set(rects.map((rect) => Math.round(rect.top)));
        if (lines.size < 2) continue;
        const wordWidth = rects.reduce((sum, rect) => sum + rect.width, 0);
        const block = blockOf(node);
        const blockStyle = style(block);
        const room = block.clientWidth - parseFloat(blockStyle.paddingLeft)
          - parseFloat(blockStyle.paddingRight);
        const long = parseFloat(style(parent).fontSize) * longWordEm;
        if (wordWidth <= room + 1 || wordWidth <= long) {
          broken.push(`"${match[0]}" (${px(wordWidth)} px) is split over ${lines.size} lines in `
            + `${describe(block)}, ${px(room)} px wide`);
        }
      }
    }
  }
  if (broken.length) {
    problems.push(`${broken.length} words of the extension's text are split across lines: `
      + broken.slice(0, 8).join('; ') + (broken.length > 8 ? '; ...' : ''));
  }
  return problems;
}"""


_OPEN = """() => {
  const closed = Array.from(document.querySelectorAll(
    'details[class^="svcready"], details[class*=" svcready"], [class^="svcready"] details, [class*=" svcready"] details'))
    .filter((details) => !details.open);
  for (const details of closed) details.open = true;
  return closed.length;
}"""


def open_disclosures(page: Page) -> int:
    """Open every closed ``<details>`` of the extension's markup (a chart's figures), as a reader
    may: what is in them must fit too. How many were opened."""
    opened: int = page.evaluate(_OPEN)
    return opened


def problems(page: Page, column: str) -> list[str]:
    """What does not fit in the open page, one line per problem; ``column`` selects the theme's
    content column."""
    found: list[str] = page.evaluate(_CHECK, [column, LONG_WORD_EM])
    return found
