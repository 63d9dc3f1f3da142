/**
 * Schedules and rotations: who is on call at any instant.
 *
 * <p>The model ({@link com.switchboard.schedule.Schedule}, {@link com.switchboard.schedule.Layer},
 * {@link com.switchboard.schedule.Turn}, {@link com.switchboard.schedule.WeeklyWindow}, {@link
 * com.switchboard.schedule.ScheduleOverride}) is immutable and validates itself, throwing {@link
 * com.switchboard.platform.errors.ValidationException}; a store builds it from rows with the same
 * constructors. {@link com.switchboard.schedule.ShiftCalculator} is the pure logic, and its Javadoc
 * is the reference for stacking, overlapping overrides and daylight-saving rules.
 */
package com.switchboard.schedule;
