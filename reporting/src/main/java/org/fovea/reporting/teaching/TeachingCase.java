package org.fovea.reporting.teaching;

import org.fovea.reporting.StudyRef;

import java.time.Instant;

/** A study marked as a teaching case: by whom, in which category, with what note. */
public record TeachingCase(long id, StudyRef study, String category, String note, String markedBy, Instant marked) {
}
