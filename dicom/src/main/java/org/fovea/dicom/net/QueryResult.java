package org.fovea.dicom.net;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One match of a C-FIND: attribute keyword to value, decoded with the match's own Specific
 * Character Set. Multiple values are joined with a backslash; the attributes of a sequence's
 * first item (e.g. the Scheduled Procedure Step of a worklist entry) appear under their own
 * keywords. Keys come in the order they were asked for, then whatever else the node returned.
 */
public record QueryResult(Map<String, String> values) {

    public QueryResult {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of an attribute, empty when the node returned none. */
    public String get(String keyword) {
        return values.getOrDefault(keyword, "");
    }
}
