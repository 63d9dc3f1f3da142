package com.switchboard.escalation;

/**
 * Where a policy goes after a step: the next step, the first step of the next round, or the end.
 * Pure; the engine asks it each time a step fires.
 */
public final class EscalationPlanner {
  private EscalationPlanner() {}

  /**
   * A position in a policy. A round past the policy's repeats means "exhausted": nobody
   * acknowledged after every step of every round.
   */
  public record Position(int round, int step) {
    public boolean exhausts(int repeatCount) {
      return round > repeatCount;
    }
  }

  /**
   * The position after {@code (round, step)} in a policy of {@code stepCount} steps that repeats
   * {@code repeatCount} times. After the last step of the last round comes the exhausted position
   * {@code (repeatCount + 1, 0)}, reached after the last step's delay.
   */
  public static Position next(int round, int step, int stepCount, int repeatCount) {
    if (stepCount <= 0) {
      return new Position(repeatCount + 1, 0);
    }
    if (step + 1 < stepCount) {
      return new Position(round, step + 1);
    }
    return new Position(round + 1, 0);
  }
}
