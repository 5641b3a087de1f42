/**
 * Counts a number up to its new value over a moment, for elements that ask for it, and
 * never for a visitor who prefers reduced motion: they see the new value at once.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const DURATION_MS = 800;

/** True when the visitor asked for less motion. */
function prefersReducedMotion(): boolean {
  return matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export class CountUp implements ReactiveController {
  /** The number to show now. */
  value: number | undefined;
  private frame = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Moves toward `target`: animated when `animate` and motion is welcome, else at once. */
  to(target: number, animate: boolean): void {
    const from = this.value ?? (animate ? 0 : undefined);
    cancelAnimationFrame(this.frame);
    if (!animate || from === undefined || from === target || prefersReducedMotion()) {
      this.value = target;
      return;
    }
    const start = performance.now();
    const step = (now: number): void => {
      const progress = Math.min(1, (now - start) / DURATION_MS);
      const eased = 1 - (1 - progress) ** 3;
      this.value = from + (target - from) * eased;
      this.host.requestUpdate();
      if (progress < 1) this.frame = requestAnimationFrame(step);
    };
    this.frame = requestAnimationFrame(step);
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
  }
}
