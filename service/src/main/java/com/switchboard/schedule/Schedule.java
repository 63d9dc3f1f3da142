package com.switchboard.schedule;

import static com.switchboard.schedule.ScheduleValidation.checkName;
import static com.switchboard.schedule.ScheduleValidation.fail;
import static com.switchboard.schedule.ScheduleValidation.list;
import static com.switchboard.schedule.ScheduleValidation.required;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who is on call, as a stack of layers in one time zone. {@code layers} is ordered lowest first: a
 * layer wins over every layer before it wherever it has someone on call. The versions of one
 * rotation (see {@link #editLayerFrom}) never overlap in time, so they sit next to each other in
 * the list and their order among themselves does not matter.
 *
 * @param zone the zone in which calendar turns, hand-off times and restriction windows are read
 */
public record Schedule(ScheduleId id, String name, ZoneId zone, List<Layer> layers) {
  public Schedule {
    required("id", id);
    checkName("name", name);
    required("zone", zone);
    layers = list("layers", layers);
    if (layers.isEmpty()) {
      fail("layers", "must have at least one layer");
    }
    Set<LayerId> seen = new HashSet<>();
    for (int i = 0; i < layers.size(); i++) {
      if (!seen.add(layers.get(i).id())) {
        fail("layers[" + i + "].id", "is used by another layer of this schedule");
      }
    }
  }

  /**
   * Changes a layer from {@code replacement.start()} on without rewriting the past: the layer
   * {@code id} ends there and {@code replacement} takes its place in the stack from there. If the
   * layer had not started by then it is simply replaced. Editing from an instant in the past does
   * rewrite that part of history; refusing it is the caller's business.
   */
  public Schedule editLayerFrom(LayerId id, Layer replacement) {
    required("layer", replacement);
    Instant at = replacement.start();
    List<Layer> edited = new ArrayList<>(layers.size() + 1);
    boolean found = false;
    for (Layer layer : layers) {
      if (!layer.id().equals(id)) {
        edited.add(layer);
        continue;
      }
      found = true;
      if (layer.end().isPresent() && !at.isBefore(layer.end().get())) {
        fail("start", "must be before the end of the layer it replaces");
      }
      if (at.isAfter(layer.start())) {
        edited.add(layer.endingAt(at));
      }
      edited.add(replacement);
    }
    if (!found) {
      fail("layerId", "is not a layer of this schedule");
    }
    return new Schedule(this.id, name, zone, edited);
  }
}
