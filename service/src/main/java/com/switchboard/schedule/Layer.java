package com.switchboard.schedule;

import static com.switchboard.schedule.ScheduleValidation.checkName;
import static com.switchboard.schedule.ScheduleValidation.fail;
import static com.switchboard.schedule.ScheduleValidation.list;
import static com.switchboard.schedule.ScheduleValidation.required;

import com.switchboard.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One rotation of a schedule, active from {@code start} until {@code end} (or for ever). Turn 0
 * starts at {@code start} and belongs to the first participant, turn 1 to the second, and so on
 * round the list; a user may appear more than once.
 *
 * <p>Layers are versioned rather than edited: a change from instant T ends this layer at T and
 * starts a new layer at T (see {@link Schedule#editLayerFrom}), so the turns before T are never
 * recomputed. The new version's rotation starts afresh at T with its first participant.
 *
 * @param restrictions the weekly windows in which the layer is active; empty means always. Windows
 *     may overlap; the layer is active in their union.
 */
public record Layer(
    LayerId id,
    String name,
    List<UserId> participants,
    Instant start,
    Optional<Instant> end,
    Turn turn,
    List<WeeklyWindow> restrictions) {

  /** A null {@code end} is read as no end, a null {@code restrictions} as none. */
  public Layer {
    required("id", id);
    checkName("name", name);
    participants = list("participants", participants);
    if (participants.isEmpty()) {
      fail("participants", "must name at least one user");
    }
    required("start", start);
    end = end == null ? Optional.empty() : end;
    if (end.isPresent() && !end.get().isAfter(start)) {
      fail("end", "must be after the start");
    }
    required("turn", turn);
    restrictions = restrictions == null ? List.of() : list("restrictions", restrictions);
  }

  /** An open-ended, unrestricted layer. */
  public Layer(LayerId id, String name, List<UserId> participants, Instant start, Turn turn) {
    this(id, name, participants, start, Optional.empty(), turn, List.of());
  }

  /** This layer, ending at {@code end}. */
  public Layer endingAt(Instant end) {
    return new Layer(id, name, participants, start, Optional.of(end), turn, restrictions);
  }

  /** This layer, active only in the given windows. */
  public Layer restrictedTo(List<WeeklyWindow> windows) {
    return new Layer(id, name, participants, start, end, turn, windows);
  }

  /** Whether the layer is in force at {@code t}, restrictions aside. */
  boolean inForceAt(Instant t) {
    return !t.isBefore(start) && (end.isEmpty() || t.isBefore(end.get()));
  }
}
