package com.switchboard.schedule;

import java.util.List;

/**
 * One layer's own shifts in a window, after its restrictions and before the layers above it and the
 * overrides: what the UI draws as that layer's row. Sorted, never overlapping, adjacent shifts of
 * one user merged.
 */
public record LayerShifts(LayerId layerId, List<Shift> shifts) {
  public LayerShifts {
    shifts = List.copyOf(shifts);
  }
}
