package org.fovea.center.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a {@code multipart/related} body (RFC 2387), as DICOMweb's STOW-RS sends DICOM
 * objects: each part's headers and bytes. Written here because Jetty's multipart reader is for
 * HTML forms and wants a form field name on every part, which STOW-RS parts do not have; the body
 * is already in memory, bounded by the center's body limit.
 */
final class MultipartRelated {

    /** One part: its headers (names in lower case) and its content. */
    record Part(Map<String, String> headers, byte[] content) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|([^;\\s]+))");

    private MultipartRelated() {
    }

    /** The boundary a content type names, or throws saying the body is not multipart/related. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
            throw ApiException.badRequest("STOW-RS takes multipart/related; type=\"application/dicom\", not "
                    + (contentType == null ? "a body without a Content-Type" : contentType));
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw ApiException.badRequest("the Content-Type names no boundary");
        }
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    /** The parts of a body, in order. */
    static List<Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw ApiException.badRequest("the body holds no part delimited by its boundary");
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            int after = at + delimiter.length;
            if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
                return parts;                                   // the close delimiter
            }
            int headersStart = skipLineEnd(body, after);
            int headersEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, headersStart);
            if (headersEnd < 0) {
                throw ApiException.badRequest("part " + (parts.size() + 1) + " has no end to its headers");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1)
                    .split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
                }
            }
            int contentStart = headersEnd + 4;
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int contentEnd = indexOf(body, next, contentStart);
            if (contentEnd < 0) {
                throw ApiException.badRequest("part " + (parts.size() + 1) + " is cut off: the body ends before its "
                        + "boundary");
            }
            parts.add(new Part(headers, Arrays.copyOfRange(body, contentStart, contentEnd)));
            at = contentEnd + 2;
        }
    }

    private static int skipLineEnd(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        if (i + 1 < b.length && b[i] == '\r' && b[i + 1] == '\n') {
            return i + 2;
        }
        throw ApiException.badRequest("a boundary is not followed by a line end");
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
