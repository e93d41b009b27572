package org.fovea.center.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A STOW-RS response in the DICOM JSON model (PS3.18 F.2): the Referenced SOP Sequence of what
 * the center holds now, the Failed SOP Sequence of what it refused, each with its reason as the
 * Failure Reason code and, for people, the text in a Fovea-private attribute.
 */
final class Stow {

    /** PS3.7 C.4.2.1.4: Error: Cannot Understand (a part that is not an acceptable DICOM object). */
    private static final int CANNOT_UNDERSTAND = 0xC000;
    /** PS3.18: the part does not belong where it was sent (another study or patient). */
    private static final int NOT_OF_THIS_REQUEST = 0xC122;

    private Stow() {
    }

    static Map<String, Object> response(List<RequestImages.Outcome> outcomes) {
        List<Map<String, Object>> referenced = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        for (RequestImages.Outcome o : outcomes) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("00081150", ui(o.sopClassUid()));
            item.put("00081155", ui(o.sopInstanceUid()));
            if (o.stored()) {
                referenced.add(item);
            } else {
                item.put("00081197", Map.of("vr", "US", "Value", List.of(o.failure().contains(", the request is for")
                        ? NOT_OF_THIS_REQUEST : CANNOT_UNDERSTAND)));
                // the reason in words (Warning/Failure text is not in the standard's sequence items)
                item.put("00091010", Map.of("vr", "LO", "Value", List.of("FOVEA")));
                item.put("00091011", Map.of("vr", "UT", "Value", List.of(o.failure())));
                failed.add(item);
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        if (!failed.isEmpty()) {
            r.put("00081198", Map.of("vr", "SQ", "Value", failed));
        }
        r.put("00081199", Map.of("vr", "SQ", "Value", referenced));
        return r;
    }

    private static Map<String, Object> ui(String uid) {
        return uid.isEmpty() ? Map.of("vr", "UI") : Map.of("vr", "UI", "Value", List.of(uid));
    }
}
