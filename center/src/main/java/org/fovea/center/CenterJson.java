package org.fovea.center;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The center's JSON as the API, its client and the command line write and read it: times as
 * ISO-8601 text. Each caller adds its own strictness on reading.
 */
public final class CenterJson {

    private CenterJson() {
    }

    /** A new mapper (callers configure it further), dates as ISO-8601 text. */
    public static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Indented, for people reading a command's --json. */
    public static String pretty(Object value) {
        try {
            return mapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write as JSON: " + e.getMessage(), e);
        }
    }
}
