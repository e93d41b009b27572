package org.fovea.dicom.archive;

import java.util.List;

/**
 * One page of the studies a {@link StudyQuery} matches, newest first: the studies from the
 * asked offset, and whether more follow them.
 */
public record StudyPage(List<StudySummary> studies, boolean more) {
}
