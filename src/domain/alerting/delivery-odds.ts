/** Outcomes remembered per class: enough to follow a provider that changes its ways. */
const REMEMBERED = 20;
/** Alerts with this many failed attempts or more share one class. */
const LAST_CLASS = 3;

/**
 * How often the provider accepts a call, by how many calls of the same alert failed before,
 * learned by each process from its own calls. A provider that fails every alert's first calls
 * (the challenge's /notify) shows it at once; one that fails calls at random shows no
 * difference between the classes.
 */
export class DeliveryOdds {
  private readonly outcomes: boolean[][] = Array.from({ length: LAST_CLASS + 1 }, () => []);

  record(failedBefore: number, accepted: boolean): void {
    const history = this.outcomes[Math.min(failedBefore, LAST_CLASS)]!;
    history.push(accepted);
    if (history.length > REMEMBERED) history.shift();
  }

  /**
   * The fewest earlier failures from which a call is more likely accepted than not (with one
   * imagined success and one failure per class, so a class without calls is a coin toss, not
   * a sure thing); null when no class is.
   */
  likelyFrom(): number | null {
    const index = this.outcomes.findIndex(
      (history) => (history.filter(Boolean).length + 1) / (history.length + 2) > 0.5,
    );
    return index === -1 ? null : index;
  }
}
