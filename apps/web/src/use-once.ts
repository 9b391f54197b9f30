import { useEffect, useRef } from "react";

/**
 * Runs `effect` once per mounted component. React's StrictMode mounts, unmounts and remounts every component in
 * development, running effects twice; a ref survives that remount, so a single-use token is posted once only.
 */
export function useOnMountOnce(effect: () => void): void {
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    effect();
  }, [effect]);
}
