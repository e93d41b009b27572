package org.fovea.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

/**
 * Finds a functional group macro of an enhanced multi-frame instance (PS3.3 C.7.6.16): the
 * frame's own item in the Per-frame Functional Groups Sequence wins over the Shared one.
 */
final class FunctionalGroups {
    private FunctionalGroups() {
    }

    /** The single item of {@code macro} for this frame, or null when neither group has it. */
    static AttributeList macro(AttributeList list, int frameIndex, AttributeTag macro) {
        AttributeList perFrame = item(list.get(TagFromName.PerFrameFunctionalGroupsSequence), frameIndex);
        AttributeList found = perFrame == null ? null : item(perFrame.get(macro), 0);
        if (found != null) {
            return found;
        }
        AttributeList shared = item(list.get(TagFromName.SharedFunctionalGroupsSequence), 0);
        return shared == null ? null : item(shared.get(macro), 0);
    }

    private static AttributeList item(Attribute sequence, int index) {
        if (sequence instanceof SequenceAttribute s && index < s.getNumberOfItems()) {
            return s.getItem(index).getAttributeList();
        }
        return null;
    }
}
