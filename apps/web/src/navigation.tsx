import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from "react";

/**
 * A path router small enough to read in one go: the address bar is the state, `navigate` pushes a history entry,
 * and every `useLocation` re-renders on back/forward (`popstate`) or on our own navigations (which dispatch one).
 * The dev and preview servers, and any host in production, must answer index.html for every app path.
 */

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  return () => window.removeEventListener("popstate", onChange);
}

// A string snapshot: useSyncExternalStore compares with Object.is, so an object would re-render forever.
const snapshot = () => `${window.location.pathname}${window.location.search}`;

export interface AppLocation {
  pathname: string;
  search: URLSearchParams;
}

export function useLocation(): AppLocation {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, search: url.searchParams };
}

export interface NavigateOptions {
  /** Replace the current history entry instead of adding one (a filter change is not a page to go back to). */
  replace?: boolean;
  /** Stay where the page is scrolled: the same screen, only its query string changed. */
  keepScroll?: boolean;
}

export function navigate(to: string, options: NavigateOptions = {}): void {
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new PopStateEvent("popstate"));
  if (!options.keepScroll) window.scrollTo(0, 0);
}

interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> {
  to: string;
}

/** An ordinary link (middle-click, copy address and open in new tab still work) that navigates in-app on a plain click. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
